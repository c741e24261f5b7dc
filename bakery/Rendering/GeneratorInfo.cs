using System.Reflection;

namespace Robotmk.Bakery.Rendering;

/// <summary>Who generated a file: named in every header, so a deployed file can be traced to its bakery and rule file.</summary>
public sealed record GeneratorInfo(string Version)
{
    public const string Name = "robotmk-bakery";

    /// <summary>The version of this bakery build (the informational version without a source revision suffix).</summary>
    public static GeneratorInfo Current
    {
        get
        {
            var assembly = typeof(GeneratorInfo).Assembly;
            var version = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
                ?? assembly.GetName().Version?.ToString(3)
                ?? "0.0.0";
            var plus = version.IndexOf('+');
            return new GeneratorInfo(plus >= 0 ? version[..plus] : version);
        }
    }

    public string Describe(string sourceName) => $"{Name} {Version} from {sourceName}";
}
