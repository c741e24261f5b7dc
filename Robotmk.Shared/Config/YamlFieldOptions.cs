using System.Collections.Immutable;

namespace Robotmk.Config;

/// <summary>
/// How a <see cref="YamlFieldReader"/> judges and words what it reads. The defaults are robotmk.yml's; the bakery's
/// rule file sets its own (stricter about blank texts and names, with the key path alone naming an unknown key).
/// </summary>
public sealed record YamlFieldOptions
{
    public static YamlFieldOptions Default { get; } = new();

    /// <summary>Keys that had a meaning once, with the reason they have none now; refused with that reason rather than as unknown.</summary>
    public IReadOnlyDictionary<string, string> RetiredKeys { get; init; } = ImmutableDictionary<string, string>.Empty;

    /// <summary>Whether the unknown-key message repeats the key; without it, the key path names it.</summary>
    public bool QuoteUnknownKeys { get; init; } = true;

    /// <summary>
    /// Whether an unknown key that is not a near misspelling is matched with a known key it starts or that starts it
    /// ("execution" suggests "execution_mode").
    /// </summary>
    public bool SuggestKeysByPrefix { get; init; }

    /// <summary>Whether a text of only white space is refused like an empty text.</summary>
    public bool BlankTextIsEmpty { get; init; }

    /// <summary>Whether the items of a text list may be empty texts (otherwise they are refused like any empty text).</summary>
    public bool AllowEmptyListItems { get; init; } = true;

    /// <summary>Whether a mapping of names to texts refuses an empty name itself; otherwise its caller judges the names.</summary>
    public bool RejectEmptyNames { get; init; }

    /// <summary>What a value that is an empty text is called after "found".</summary>
    public string EmptyTextDescription { get; init; } = "an empty text";
}
