namespace Robotmk.Controller.Section;

/// <summary>
/// Writes the whole agent output: the local block with every suite, each written as soon as its state file is read,
/// then the piggybacked suites again in one block per piggyback host, in order of first appearance (SPEC §1).
/// <see cref="SectionWriter"/> writes the bytes of each block.
/// </summary>
public sealed class AgentOutputWriter(SectionSource source, TextWriter diagnostics)
{
    /// <summary>True once the first byte of a section went out; before that a failure can still be answered with a whole section.</summary>
    public bool Started { get; private set; }

    public void Write(Stream output)
    {
        var view = source.ReadRunnerView();
        foreach (var error in view.Runner.Errors)
            diagnostics.WriteLine("robotmk: " + error);

        var piggyback = new Dictionary<string, List<SuiteEntry>>(StringComparer.Ordinal);
        var hostOrder = new List<string>();

        var writer = new SectionWriter(output);
        Started = true;
        writer.BeginBlock(view.Runner, piggybackHost: null);
        foreach (var entry in source.ReadSuiteEntries(view))
        {
            writer.WriteSuite(entry);
            if (entry.PiggybackHost is not { } host)
                continue;
            if (!piggyback.TryGetValue(host, out var list))
            {
                piggyback[host] = list = [];
                hostOrder.Add(host);
            }
            list.Add(entry);
        }
        writer.EndBlock();

        foreach (var host in hostOrder)
        {
            writer.BeginBlock(view.Runner, host);
            foreach (var entry in piggyback[host])
                writer.WriteSuite(entry);
            writer.EndBlock();
        }
    }
}
