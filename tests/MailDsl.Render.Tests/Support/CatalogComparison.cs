namespace MailDsl.Render.Tests.Support;

/// <summary>
/// Compares two settings catalogues (src/MailDsl.Core/Daemons/*/Catalog) by what they are for: the metadata the loader
/// reads (<c>#@ daemon</c>, <c>version</c>, <c>provenance</c>, <c>source</c>, which names the upstream version only), the
/// column header, and every entry (a name with its status, replacement and note, or nginx's contexts). Free comment lines
/// (<c># ...</c>) are information about the build read (its Debian package revision, how many candidate identifiers its
/// binary held) and are not compared: a Debian point release that changes only them changes nothing a rule reads.
/// </summary>
public static class CatalogComparison
{
    /// <summary>
    /// What differs between <paramref name="committed"/> and <paramref name="regenerated"/>, one line each: <c>- line</c>
    /// for what only the committed catalogue says, <c>+ line</c> for what only the regenerated one says, metadata first.
    /// Empty when they say the same.
    /// </summary>
    public static IReadOnlyList<string> Differences(string committed, string regenerated)
    {
        var (expectedMeta, expectedEntries) = Compared(committed);
        var (actualMeta, actualEntries) = Compared(regenerated);
        var differences = new List<string>();
        foreach (var key in expectedMeta.Keys.Union(actualMeta.Keys).Order(StringComparer.Ordinal))
        {
            var had = expectedMeta.GetValueOrDefault(key);
            var has = actualMeta.GetValueOrDefault(key);
            if (had == has) continue;
            if (had is not null) differences.Add("- " + had);
            if (has is not null) differences.Add("+ " + has);
        }
        var gone = expectedEntries.Except(actualEntries, StringComparer.Ordinal).Select(l => (Line: l, Sign: "- "));
        var come = actualEntries.Except(expectedEntries, StringComparer.Ordinal).Select(l => (Line: l, Sign: "+ "));
        differences.AddRange(gone.Concat(come).OrderBy(d => d.Line, StringComparer.Ordinal).ThenBy(d => d.Sign, StringComparer.Ordinal).Select(d => d.Sign + d.Line));
        return differences;
    }

    // The metadata lines by key (the column header under its own key) and the entry lines; comment lines dropped.
    private static (Dictionary<string, string> Meta, List<string> Entries) Compared(string text)
    {
        var meta = new Dictionary<string, string>(StringComparer.Ordinal);
        var entries = new List<string>();
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.Length == 0) continue;
            if (line.StartsWith("#@ ", StringComparison.Ordinal))
            {
                var colon = line.IndexOf(':');
                meta[colon < 0 ? line : line.Substring(3, colon - 3).Trim()] = line;
            }
            else if (line.StartsWith("# name\t", StringComparison.Ordinal))
            {
                meta["columns"] = line;
            }
            else if (!line.StartsWith('#'))
            {
                entries.Add(line);
            }
        }
        return (meta, entries);
    }
}
