using System.Text;
using System.Text.RegularExpressions;
using Robotmk.Config;
using static Robotmk.Tests.Config.ConfigTestSupport;

namespace Robotmk.Tests.Config;

/// <summary>SPEC §1: path + "_" + tag; every character outside A-Za-z0-9. becomes "_", runs of "_" collapse, lower case.</summary>
public class SuiteIdTests
{
    [TestCase("checkout", null, "checkout")]
    [TestCase("web/shop/checkout", null, "web_shop_checkout")]
    [TestCase(@"C:\robot\shop", null, "c_robot_shop")]
    [TestCase("my suite", null, "my_suite")]
    [TestCase("  padded  ", null, "_padded_")]
    [TestCase("suite.robot", null, "suite.robot")]
    [TestCase("v1.2/smoke.robot", null, "v1.2_smoke.robot")]
    [TestCase("Kassenprüfung", null, "kassenpr_fung")]
    [TestCase("Größe/Öl", null, "gr_e_l")]
    [TestCase("東京", null, "_")]
    [TestCase("a😀b", null, "a_b")]
    [TestCase("a  -- b", null, "a_b")]
    [TestCase("a__b", null, "a_b")]
    [TestCase("a_ _b", null, "a_b")]
    [TestCase("UPPER/Case", null, "upper_case")]
    [TestCase("checkout", "prod", "checkout_prod")]
    [TestCase("checkout", "Prod Env", "checkout_prod_env")]
    [TestCase("checkout/", "x", "checkout_x")]
    [TestCase("checkout", "_x", "checkout_x")]
    [TestCase("checkout", "", "checkout")]
    [TestCase("a.b/c", "t.1", "a.b_c_t.1")]
    public void Id_follows_the_v1_rule(string path, string? tag, string expected)
    {
        Assert.That(SuiteId.Compute(path, tag), Is.EqualTo(expected));
    }

    /// <summary>The rule exactly as v1 wrote it (Python re.sub), checked over generated paths.</summary>
    [Test]
    public void Id_matches_the_v1_regular_expressions_for_generated_paths()
    {
        const string alphabet = "aZ09._-/ \\äÖ€東\t:*?\"";
        var random = new Random(20240611);
        for (var i = 0; i < 2000; i++)
        {
            var sb = new StringBuilder();
            for (var n = random.Next(1, 20); n > 0; n--)
                sb.Append(alphabet[random.Next(alphabet.Length)]);
            var path = sb.ToString();
            var tag = random.Next(3) == 0 ? null : alphabet[random.Next(alphabet.Length)] + "t";
            var composite = string.IsNullOrEmpty(tag) ? path : path + "_" + tag;
            var v1 = Regex.Replace(Regex.Replace(composite, "[^A-Za-z0-9.]", "_"), "_+", "_").ToLowerInvariant();
            Assert.That(SuiteId.Compute(path, tag), Is.EqualTo(v1), $"path '{path}', tag '{tag}'");
        }
    }

    [Test]
    public void Key_that_differs_from_the_computed_id_is_the_id_with_a_notice()
    {
        var r = Parse("suites:\n  Checkout Prod:\n    path: checkout\n    tag: prod\n");
        var n = r.Problems.Single();
        Assert.Multiple(() =>
        {
            Assert.That(n.Severity, Is.EqualTo(ProblemSeverity.Notice), "1.6.0 uses the key as it is: nothing to warn about");
            Assert.That(n.Position, Is.EqualTo(new SourcePosition(2, 3)));
            Assert.That(n.KeyPath, Is.EqualTo("suites.Checkout Prod"));
            Assert.That(n.Message, Does.Contain("the bakery would write the key 'checkout_prod'"));
            var s = r.Config!.Suites.Single();
            Assert.That(s.Key, Is.EqualTo("Checkout Prod"));
            Assert.That(s.Id, Is.EqualTo("Checkout Prod"));
            Assert.That(s.IsRunnable, Is.True);
        });
    }

    [Test]
    public void Key_equal_to_the_computed_id_gives_no_notice()
    {
        Assert.That(Parse("suites:\n  web_shop_prod:\n    path: web shop\n    tag: Prod\n").Problems, Is.Empty);
    }

    [TestCase("runner", "reserved")]
    [TestCase("a\\x01b", "control characters")]
    [TestCase("line\\nbreak", "control characters")]
    public void Keys_that_cannot_name_a_suite_are_errors_of_that_suite(string key, string reason)
    {
        var r = Parse($"suites:\n  \"{key}\":\n    path: a\n  b:\n    path: b\n");
        Assert.That(r.Problems.Single(p => p.IsError).Message, Does.Contain(reason));
        Assert.That(r.Config!.Suites.Single(s => s.Key == "b").IsRunnable, Is.True);
    }

    [Test]
    public void A_key_too_long_for_a_file_name_is_an_error()
    {
        Assert.That(SuiteId.Problem(new string('x', SuiteId.MaxFileNameLength)), Is.Null);
        Assert.That(SuiteId.Problem(new string('x', SuiteId.MaxFileNameLength + 1)), Does.Contain("too long"));
        Assert.That(SuiteId.Problem(new string('X', SuiteId.MaxFileNameLength / 3 + 1)), Does.Contain("too long"), "counted after encoding");
    }

    [TestCase("a")]
    [TestCase("checkout_prod")]
    [TestCase("x.robot")]
    public void Computed_ids_are_usable(string id) => Assert.That(SuiteId.IsUsableComputed(id), Is.True);

    [TestCase("")]
    [TestCase(".")]
    [TestCase("..")]
    [TestCase("A")]
    [TestCase("a/b")]
    [TestCase("runner")]
    public void Computed_ids_that_cannot_be_keys_are_refused(string id) => Assert.That(SuiteId.IsUsableComputed(id), Is.False);

    [TestCase("checkout_prod", "checkout_prod")]
    [TestCase("x.robot", "x.robot")]
    [TestCase("a-b", "a-b")]
    [TestCase("Smoke", "%53moke")]
    [TestCase("sub smoke", "sub%20smoke")]
    [TestCase("a/b\\c", "a%2Fb%5Cc")]
    [TestCase("..", "..")]
    [TestCase(".hidden", ".hidden")]
    [TestCase("50%", "50%25")]
    [TestCase("Prüfung", "%50r%C3%BCfung")]
    [TestCase("CON", "%43%4F%4E")]
    public void File_names_keep_plain_ids_and_encode_the_rest(string id, string fileName)
    {
        Assert.That(SuiteId.FileName(id), Is.EqualTo(fileName));
        Assert.That(SuiteId.FromFileName(fileName), Is.EqualTo(id), "decodes back");
    }

    [Test]
    public void File_names_of_ids_that_differ_only_in_case_differ_ignoring_case()
    {
        string[] ids = ["smoke", "Smoke", "SMOKE", "sMoke"];
        Assert.That(ids.Select(SuiteId.FileName).Select(n => n.ToLowerInvariant()), Is.Unique);
    }

    [TestCase("Smoke")]
    [TestCase("%5")]
    [TestCase("%zz")]
    [TestCase("%61")]
    [TestCase("%FF")]
    public void Names_the_encoding_never_makes_decode_to_nothing(string name) => Assert.That(SuiteId.FromFileName(name), Is.Null);
}
