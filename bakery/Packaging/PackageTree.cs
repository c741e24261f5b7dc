using System.Collections.Immutable;
using Robotmk.Bakery.Rules;

namespace Robotmk.Bakery.Packaging;

/// <summary>A generated file of a package tree; <paramref name="Path"/> is relative to the tree and uses '/'.</summary>
public sealed record PackageFile(string Path, byte[] Content);

/// <summary>A place in a tree for one of the program binaries, filled from <c>--bin-dir</c> by the tree writer.</summary>
public sealed record BinarySlot(string Path, string BinaryName);

/// <summary>Everything that goes into one system's tree (DIR/linux or DIR/windows).</summary>
public sealed record PackageTree(TargetOs Os, ImmutableArray<PackageFile> Files, ImmutableArray<BinarySlot> Binaries)
{
    /// <summary>The tree's folder under the output folder.</summary>
    public string Folder => Os == TargetOs.Linux ? "linux" : "windows";
}
