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
    public void Key_that_differs_from_the_computed_id_gives_a_warning_and_the_computed_id_is_used()
    {
        var r = Parse("suites:\n  Checkout Prod:\n    path: checkout\n    tag: prod\n");
        var w = r.Problems.Single();
        Assert.Multiple(() =>
        {
            Assert.That(w.Severity, Is.EqualTo(ProblemSeverity.Warning));
            Assert.That(w.Position, Is.EqualTo(new SourcePosition(2, 3)));
            Assert.That(w.KeyPath, Is.EqualTo("suites.Checkout Prod"));
            Assert.That(w.Message, Does.Contain("'checkout_prod' is used"));
            var s = r.Config!.Suites.Single();
            Assert.That(s.Key, Is.EqualTo("Checkout Prod"));
            Assert.That(s.Id, Is.EqualTo("checkout_prod"));
            Assert.That(s.IsRunnable, Is.True);
        });
    }

    [Test]
    public void Key_equal_to_the_computed_id_gives_no_warning()
    {
        Assert.That(Parse("suites:\n  web_shop_prod:\n    path: web shop\n    tag: Prod\n").Problems, Is.Empty);
    }

    [TestCase("a")]
    [TestCase("checkout_prod")]
    [TestCase("x.robot")]
    public void Computed_ids_are_file_safe(string id) => Assert.That(SuiteId.IsFileSafe(id), Is.True);

    [TestCase("")]
    [TestCase(".")]
    [TestCase("..")]
    [TestCase("A")]
    [TestCase("a/b")]
    public void Ids_that_cannot_name_a_file_are_rejected(string id) => Assert.That(SuiteId.IsFileSafe(id), Is.False);
}
