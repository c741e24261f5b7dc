using Robotmk.Bakery.Cli;
using Robotmk.Bakery.Rendering;

namespace Robotmk.Bakery;

internal static class Program
{
    private static int Main(string[] args) =>
        BakeryApp.Run(args, new BakeryContext(Console.Out, Console.Error, Environment.CurrentDirectory, GeneratorInfo.Current));
}
