namespace Robotmk.Sections;

/// <summary>One limit for the runner and the controller, so a result the runner stores is one the controller sends.</summary>
public static class PayloadLimits
{
    /// <summary>Encoded xml plus htmllog of one suite, as written into the section.</summary>
    public const long MaxEncodedBytes = 32L * 1024 * 1024;
}
