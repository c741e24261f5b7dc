using Robotmk.State;
using Robotmk.Tests.Controller.Support;
using Robotmk.Tests.Support;

namespace Robotmk.Tests.Controller;

/// <summary>
/// State folders for every situation the agent can meet, the controller's whole output compared with a checked-in
/// expectation and checked against SPEC §1 field by field (<see cref="SectionContract"/>).
/// </summary>
public sealed class SectionGoldenTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset RunStart = Now.AddMinutes(-3);
    private static readonly DateTimeOffset RunEnd = Now.AddMinutes(-1);
    private static readonly string GoldenFolder = Path.Join(TestPaths.RepoRoot, "Robotmk.Tests", "Controller", "golden");

    private TempDir _temp = null!;
    private ControllerHarness _h = null!;

    [SetUp]
    public void SetUp()
    {
        _temp = new TempDir();
        _h = new ControllerHarness(_temp, new FakeClock(Now));
    }

    [TearDown]
    public void TearDown() => _temp.Dispose();

    private IReadOnlyList<SectionBlock> Golden(string name)
    {
        var (rc, output, _) = _h.Run();
        Assert.That(rc, Is.EqualTo(0), "the agent's call always exits 0 with a section");
        var blocks = SectionContract.Check(output);
        Robotmk.Tests.Support.Golden.AssertMatches(Path.Join(GoldenFolder, name + ".txt"), _h.Normalized(output));
        return blocks;
    }

    private static string Status(SectionBlock b, string id) => (string)b.Suite(id)["status"]!;
    private static string? Error(SectionBlock b, string id) => (string?)b.Suite(id)["error"];

    [Test]
    public void AllSuitesPass()
    {
        var s = _h.State().Suite("checkout").Suite("variables");
        s.IdleRunner(RunStart, RunEnd);
        s.Done(s.Result("checkout", "pass", 0, RunStart, RunStart.AddSeconds(40)));
        s.Done(s.Result("variables", "variables", 0, RunStart.AddSeconds(40), RunEnd));

        var blocks = Golden("all_pass");

        Assert.That(blocks, Has.Count.EqualTo(1));
        Assert.That(blocks[0].Suites.Select(x => (string)x["status"]!), Is.All.EqualTo("nonfatal"));
        Assert.That((double)blocks[0].Runner["runtime_total"]!, Is.EqualTo(120));
    }

    [Test]
    public void HowRfStarts_IsNotPartOfTheSection()
    {
        var s = _h.State().Suite("checkout").Suite("variables");
        s.IdleRunner(RunStart, RunEnd);
        var runner = StateFiles.ReadRunner(StateFiles.RunnerFile(s.StateDir));
        s.Runner(runner with { RfStart = new RfStart { Mode = RfStartMode.Spawn, Reason = "ROBOTMK_RF_LAUNCH=spawn" } });
        s.Done(s.Result("checkout", "pass", 0, RunStart, RunStart.AddSeconds(40)));
        s.Done(s.Result("variables", "variables", 0, RunStart.AddSeconds(40), RunEnd));

        // The same section as without it: the 1.6.0 check sees nothing new.
        Golden("all_pass");
    }

    [Test]
    public void OneSuiteFails_HtmlMessagesAreSanitized()
    {
        var s = _h.State().Suite("checkout").Suite("html_msg", maxExecutions: 2);
        s.IdleRunner(RunStart, RunEnd);
        s.Done(s.Result("checkout", "pass", 0, RunStart, RunStart.AddSeconds(40)));
        s.Done(s.Result("html_msg", "html_msg", 1, RunStart.AddSeconds(40), RunEnd, attempts: 2));

        var local = Golden("one_failing")[0];

        Assert.That(Status(local, "html_msg"), Is.EqualTo("nonfatal"), "failed tests are a usable result, not a fatal one");
        Assert.That((int)local.Suite("html_msg")["rc"]!, Is.EqualTo(1));
        Assert.That((int)local.Suite("html_msg")["attempts"]!, Is.EqualTo(2));
    }

    [Test]
    public void FatalSuites_KeepTheirReasonOnOneLine()
    {
        var s = _h.State().Suite("checkout").Suite("no_tests").Suite("missing", error: "'missing' does not exist in /usr/lib/check_mk_agent/robot");
        s.IdleRunner(RunStart, RunEnd);
        s.Done(s.Result("checkout", "pass", 0, RunStart, RunStart.AddSeconds(40)));
        var stderr = File.ReadAllText(Path.Join(TestPaths.Fixtures, "bad_data", "no_tests", "stderr.txt"));
        Assert.That(stderr, Does.Contain("\n"), "precondition: the real RF message spans lines");
        s.Done(s.FatalResult("no_tests", "Robot Framework rejected the suite (rc 252): " + stderr, 252, RunStart.AddSeconds(40), RunEnd));

        var local = Golden("fatal_suite")[0];

        Assert.That(Status(local, "checkout"), Is.EqualTo("nonfatal"));
        Assert.That(Status(local, "no_tests"), Is.EqualTo("fatal"));
        Assert.That(Error(local, "no_tests"), Does.Contain("contains no tests"));
        Assert.That(Error(local, "missing"), Is.EqualTo("configuration error: 'missing' does not exist in /usr/lib/check_mk_agent/robot"));
    }

    [Test]
    public void PiggybackHosts_GetOneBlockEach_AndTheLocalBlockListsAll()
    {
        var s = _h.State().Suite("checkout").Suite("shop_login", piggybackHost: "shop-frontend")
            .Suite("shop_cart", piggybackHost: "shop-frontend").Suite("erp", piggybackHost: "erp-backend");
        s.IdleRunner(RunStart, RunEnd);
        s.Done(s.Result("checkout", "pass", 0, RunStart, RunStart.AddSeconds(30)));
        s.Done(s.Result("shop_login", "pass", 0, RunStart.AddSeconds(30), RunStart.AddSeconds(60)));
        s.Done(s.Result("shop_cart", "fail", 1, RunStart.AddSeconds(60), RunStart.AddSeconds(90)));
        s.Done(s.Result("erp", "multi_suite", 1, RunStart.AddSeconds(90), RunEnd));

        var blocks = Golden("piggyback");

        Assert.That(blocks.Select(b => b.Host), Is.EqualTo(new string?[] { null, "shop-frontend", "erp-backend" }));
        Assert.That(blocks[0].Suites.Select(x => (string)x["id"]!), Is.EqualTo(new[] { "checkout", "shop_login", "shop_cart", "erp" }));
        Assert.That(blocks[1].Suites.Select(x => (string)x["id"]!), Is.EqualTo(new[] { "shop_login", "shop_cart" }));
        Assert.That(blocks[2].Suites.Select(x => (string)x["id"]!), Is.EqualTo(new[] { "erp" }));
        Assert.That(blocks[1].Suite("shop_cart")["xml"]!.ToJsonString(), Is.EqualTo(blocks[0].Suite("shop_cart")["xml"]!.ToJsonString()));
    }

    [Test]
    public void AllSuitesPiggybacked_LocalBlockStillComesFirstWithAll()
    {
        var s = _h.State().Suite("shop", piggybackHost: "shop-frontend").Suite("erp", piggybackHost: "erp-backend");
        s.IdleRunner(RunStart, RunEnd);
        s.Done(s.Result("shop", "pass", 0, RunStart, RunStart.AddSeconds(60)));
        s.Done(s.Result("erp", "tags", 1, RunStart.AddSeconds(60), RunEnd));

        var blocks = Golden("all_piggybacked");

        Assert.That(blocks.Select(b => b.Host), Is.EqualTo(new string?[] { null, "shop-frontend", "erp-backend" }));
        Assert.That(blocks[0].Suites, Has.Count.EqualTo(2));
    }

    [Test]
    public void ZeroSuites_IsAValidSectionWithTheRunnersFigures()
    {
        var s = _h.State();
        s.IdleRunner(RunStart, RunEnd);

        var local = Golden("zero_suites").Single();

        Assert.That(local.Suites, Is.Empty);
        Assert.That(local.Runner.ContainsKey("runtime_total"), Is.True, "the runner did run");
    }

    [Test]
    public void NoStateFolder_RunnerHasNeverRun()
    {
        var local = Golden("no_state_folder").Single();

        Assert.That(local.Suites, Is.Empty);
        Assert.That(local.Runner.ContainsKey("runtime_total"), Is.False, "the server shows 'Robotmk Runner did never run'");
        Assert.That((string)local.Runner["robotmk_version"]!, Is.EqualTo("1.6.0"));
        Assert.That(local.Runner["errors"]!.ToJsonString(), Does.Contain("has not run yet"));
    }

    [Test]
    public void EmptyStateFolder_RunnerHasNeverRun()
    {
        Directory.CreateDirectory(_h.StateDir);

        var local = Golden("no_runner_state").Single();

        Assert.That(local.Suites, Is.Empty);
        Assert.That(local.Runner["errors"]!.ToJsonString(), Does.Contain("has not run yet"));
    }

    [Test]
    public void CorruptSuiteState_OnlyThatSuiteIsFatal()
    {
        var s = _h.State().Suite("checkout").Suite("broken").Suite("empty");
        s.IdleRunner(RunStart, RunEnd);
        s.Done(s.Result("checkout", "pass", 0, RunStart, RunEnd));
        File.WriteAllText(s.SuitePath("broken"), "{\"schema\":1,\"id\":\"broken\",\"state\":\"done\",\"result\":{\"status\":\"nonf");
        File.WriteAllText(s.SuitePath("empty"), "");

        var local = Golden("corrupt_json")[0];

        Assert.That(Status(local, "checkout"), Is.EqualTo("nonfatal"));
        Assert.That(Status(local, "broken"), Is.EqualTo("fatal"));
        Assert.That(Error(local, "broken"), Does.Contain("robotmk_broken.json").And.Contain("not valid JSON"));
        Assert.That(Status(local, "empty"), Is.EqualTo("fatal"));
    }

    [Test]
    public void CorruptRunnerState_EverySuiteFileIsReportedFatal()
    {
        var s = _h.State().Suite("checkout").Suite("shop", piggybackHost: "shop-frontend");
        s.Done(s.Result("checkout", "pass", 0, RunStart, RunEnd));
        s.Done(s.Result("shop", "pass", 0, RunStart, RunEnd));
        File.WriteAllText(StateFiles.RunnerFile(_h.StateDir), "{\"status\": \"idle\", \"start_time\": ");

        var local = Golden("corrupt_runner_state").Single();

        Assert.That(local.Suites.Select(x => (string)x["id"]!), Is.EqualTo(new[] { "checkout", "shop" }));
        Assert.That(local.Suites.Select(x => (string)x["status"]!), Is.All.EqualTo("fatal"));
        Assert.That(Error(local, "checkout"), Does.Contain("robotmk_runner.json").And.Contain("unreadable"));
    }

    [Test]
    public void RunnerOverdueWhileIdle_OldResultsTurnFatal()
    {
        var s = _h.State().Suite("checkout").Suite("shop", piggybackHost: "shop-frontend");
        var start = Now.AddHours(-2);
        s.IdleRunner(start, start.AddMinutes(2));
        s.Done(s.Result("checkout", "pass", 0, start, start.AddMinutes(1)));
        s.Done(s.Result("shop", "pass", 0, start.AddMinutes(1), start.AddMinutes(2)));

        var blocks = Golden("runner_overdue_idle");

        foreach (var block in blocks)
            Assert.That(block.Suites.Select(x => (string)x["status"]!), Is.All.EqualTo("fatal"));
        Assert.That(Error(blocks[0], "checkout"), Does.StartWith("runner has not delivered since " + Robotmk.Time.Iso8601.Format(start.AddMinutes(2))));
        Assert.That(blocks[0].Suite("checkout")["xml"], Is.Null, "a stale result is not shown as green");
    }

    [Test]
    public void RunnerOverdueWhileRunning_OnlyResultsOlderThanTheirCacheTimeTurnFatal()
    {
        var s = _h.State().Suite("old").Suite("first").Suite("fresh");
        var runStart = Now.AddMinutes(-12);
        s.RunningRunner(runStart, heartbeat: Now.AddMinutes(-10), previousRun: (Now.AddMinutes(-30), Now.AddMinutes(-13)));
        s.Done(s.Result("old", "pass", 0, Now.AddMinutes(-30), Now.AddMinutes(-29)));
        s.Running("first", since: Now.AddMinutes(-10));
        s.Done(s.Result("fresh", "pass", 0, Now.AddMinutes(-6), Now.AddMinutes(-5)));

        var local = Golden("runner_overdue_running").Single();

        Assert.That(Status(local, "old"), Is.EqualTo("fatal"));
        Assert.That(Error(local, "old"), Does.Contain("stopped its heartbeat"));
        Assert.That(Status(local, "first"), Is.EqualTo("fatal"));
        Assert.That(Error(local, "first"), Does.Contain("never finished"));
        Assert.That(Status(local, "fresh"), Is.EqualTo("nonfatal"), "a result within its cache time is still valid");
    }

    [TestCase("base64_codec")]
    [TestCase("utf_8")]
    [TestCase("zlib_codec")]
    public void EachEncoding(string encoding)
    {
        var s = _h.State(encoding).Suite("checkout").Suite("failing");
        s.IdleRunner(RunStart, RunEnd);
        s.Done(s.Result("checkout", "pass", 0, RunStart, RunStart.AddSeconds(40)));
        s.Done(s.Result("failing", "fail", 1, RunStart.AddSeconds(40), RunEnd));

        var local = Golden("encoding_" + encoding).Single();

        Assert.That((string)local.Runner["encoding"]!, Is.EqualTo(encoding));
        Assert.That(local.Suites.Select(x => (string)x["status"]!), Is.All.EqualTo("nonfatal"));
    }

    [Test]
    public void TransmitHtmlOn_CarriesTheLog()
    {
        var s = _h.State(transmitHtml: true).Suite("checkout");
        s.IdleRunner(RunStart, RunEnd);
        s.Done(s.Result("checkout", "pass", 0, RunStart, RunEnd));

        var local = Golden("transmit_html_on").Single();

        Assert.That(local.Suite("checkout")["htmllog"], Is.Not.Null);
    }

    [Test]
    public void TransmitHtmlOff_DropsAStoredLog()
    {
        var withHtml = _h.State(transmitHtml: true).Suite("checkout");
        var result = withHtml.Result("checkout", "pass", 0, RunStart, RunEnd);
        var s = _h.State(transmitHtml: false).Suite("checkout");
        s.IdleRunner(RunStart, RunEnd);
        s.Done(result);
        Assert.That(result.HtmlLog, Is.Not.Null, "precondition: the stored result has a log");

        var local = Golden("transmit_html_off").Single();

        Assert.That(local.Suite("checkout")["htmllog"], Is.Null);
    }

    [Test]
    public void NonAscii_TextStaysIntactInEveryEncoding()
    {
        var s = _h.State("utf_8").Suite("nonascii", tag: "prüfung").Suite("kaputt");
        s.IdleRunner(RunStart, RunEnd);
        s.Done(s.Result("nonascii", "nonascii", 2, RunStart, RunEnd));
        s.Done(s.FatalResult("kaputt", "Prüfung fehlgeschlagen: 日本語 🚀 \"quoted\" \\ back", 253, RunStart, RunEnd));

        var local = Golden("non_ascii").Single();

        Assert.That((string)local.Suite("nonascii")["tag"]!, Is.EqualTo("prüfung"));
        Assert.That((string)local.Suite("nonascii")["xml"]!, Does.Contain("Prüfung 日本語 🚀"));
        Assert.That(Error(local, "kaputt"), Is.EqualTo("Prüfung fehlgeschlagen: 日本語 🚀 \"quoted\" \\ back"));
    }

    [Test]
    public void NeverRanSuites_AreFatal_AFirstRunInProgressIsNot()
    {
        var s = _h.State().Suite("checkout").Suite("new_one").Suite("pending_one").Suite("first_run");
        var runStart = Now.AddMinutes(-2);
        s.RunningRunner(runStart, heartbeat: Now.AddSeconds(-10), previousRun: (Now.AddMinutes(-8), Now.AddMinutes(-6)));
        s.Done(s.Result("checkout", "pass", 0, Now.AddMinutes(-8), Now.AddMinutes(-7)));
        s.SuiteFile(new SuiteState { Id = "pending_one", State = SuiteState.Pending });
        s.Running("first_run", since: Now.AddMinutes(-1));

        var local = Golden("never_ran").Single();

        Assert.That(Status(local, "new_one"), Is.EqualTo("fatal"));
        Assert.That(Error(local, "new_one"), Does.StartWith("suite has not run yet"));
        Assert.That(Status(local, "pending_one"), Is.EqualTo("fatal"));
        Assert.That(Status(local, "first_run"), Is.EqualTo("nonfatal"));
        Assert.That(local.Suite("first_run").ContainsKey("end_time"), Is.False, "never finished: end_time is left out, start_time is the run's start");
        Assert.That((string)local.Suite("first_run")["start_time"]!, Is.EqualTo(Robotmk.Time.Iso8601.Format(Now.AddMinutes(-1))));
    }

    [Test]
    public void ConfigError_EveryKnownSuiteIsFatalWithIt()
    {
        var s = _h.State().Suite("checkout").Suite("shop", piggybackHost: "shop-frontend");
        s.IdleRunner(RunStart, RunEnd, configError: "robotmk.yml line 4, column 3: global.execution_interval: expected an integer, found 'often'");
        s.Done(s.Result("checkout", "pass", 0, RunStart, RunEnd));
        s.Done(s.Result("shop", "pass", 0, RunStart, RunEnd));

        var blocks = Golden("config_error");

        foreach (var block in blocks)
            foreach (var suite in block.Suites)
                Assert.That((string)suite["error"]!, Does.Contain("expected an integer, found 'often'"));
        Assert.That(blocks[0].Runner["errors"]!.ToJsonString(), Does.Contain("robotmk.yml is unusable"));
    }

    [Test]
    public void ClockWentBackwards_AResultFromTheFutureIsNotTrusted()
    {
        var s = _h.State().Suite("checkout").Suite("fine");
        var future = Now.AddHours(1);
        s.IdleRunner(RunStart, RunEnd);
        s.Done(s.Result("checkout", "pass", 0, future, future.AddMinutes(1)));
        s.Done(s.Result("fine", "pass", 0, RunStart, RunEnd));

        var local = Golden("clock_backwards").Single();

        Assert.That(Status(local, "checkout"), Is.EqualTo("fatal"));
        Assert.That(Error(local, "checkout"), Does.Contain("clock went backwards"));
        Assert.That(Status(local, "fine"), Is.EqualTo("nonfatal"));
    }

    [Test]
    public void EncodingChangedSinceTheResult_IsFatalInsteadOfCrashingTheServer()
    {
        var old = _h.State("zlib_codec").Suite("checkout");
        var result = old.Result("checkout", "pass", 0, RunStart, RunEnd);
        var s = _h.State("base64_codec").Suite("checkout");
        s.IdleRunner(RunStart, RunEnd);
        s.Done(result);

        var local = Golden("encoding_changed").Single();

        Assert.That(Status(local, "checkout"), Is.EqualTo("fatal"));
        Assert.That(Error(local, "checkout"), Does.Contain("encoded as zlib_codec").And.Contain("declares base64_codec"));
    }
}
