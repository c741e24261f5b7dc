namespace Robotmk.Bakery.Rendering;

/// <summary>Who generated a file: named in every header, so a deployed file can be traced to its bakery and rule file.</summary>
public sealed record GeneratorInfo(string Version)
{
    public const string Name = "robotmk-bakery";

    /// <summary>The version of this build (without a source revision suffix, so headers stay stable across commits).</summary>
    public static GeneratorInfo Current => new(ProductInfo.Version);

    public string Describe(string sourceName) => $"{Name} {Version} from {sourceName}";
}
