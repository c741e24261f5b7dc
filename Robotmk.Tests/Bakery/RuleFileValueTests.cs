using Robotmk.Bakery.Rules;

namespace Robotmk.Tests.Bakery;

/// <summary>
/// A rule file is stricter about texts than robotmk.yml: blank texts, empty list items and env variables without a
/// name are refused where they are written instead of being baked into robotmk.yml.
/// </summary>
public class RuleFileValueTests
{
    private static string Errors(string yaml) =>
        string.Join("\n", TestRules.Check(yaml, Targets.Both).Errors.Select(p => $"{p.KeyPath}: {p.Message}"));

    [Test]
    public void A_blank_text_is_refused_like_an_empty_one()
    {
        Assert.That(Errors("suites:\n  - path: '   '\n"), Is.EqualTo("suites[0].path: expected the suite file or folder, found an empty text"));
    }

    [Test]
    public void An_empty_list_item_is_refused()
    {
        Assert.That(Errors("suites:\n  - path: a\n    robot_params:\n      include: [smoke, '']\n"),
            Is.EqualTo("suites[0].robot_params.include[1]: expected a text value, found an empty text"));
    }

    [Test]
    public void An_env_variable_without_a_name_is_refused()
    {
        Assert.That(Errors("suites:\n  - path: a\n    env: {'': x}\n"), Is.EqualTo("suites[0].env: expected a name, found an empty key"));
    }

    [Test]
    public void An_empty_text_where_a_choice_belongs_is_shown_as_written()
    {
        Assert.That(Errors("transmit_html: ''\nsuites:\n  - path: a\n"), Is.EqualTo("transmit_html: expected true or false, found ''"));
    }
}
