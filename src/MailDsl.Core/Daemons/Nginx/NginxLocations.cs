using System;
using System.Collections.Generic;
using System.Linq;
using MailDsl.Model;

namespace MailDsl.Daemons.Nginx
{
    /// <summary>One location block of the site: its match as written after <c>location</c>, its directives, and the comment lines above it.</summary>
    /// <param name="Match">Everything between <c>location</c> and <c>{</c>.</param>
    /// <param name="Body">The directives, one a line.</param>
    /// <param name="Comments">Lines written above the block, without their <c>#</c>.</param>
    internal sealed record SiteLocation(string Match, IReadOnlyList<string> Body, IReadOnlyList<string> Comments);

    /// <summary>What becomes of one location the description adds (<c>.NginxLocation(...)</c>).</summary>
    internal enum ExtraLocationFate
    {
        /// <summary>Written into the site after MailDsl's own locations.</summary>
        Written,
        /// <summary>The same block (match and directives) as one of MailDsl's own: written once, by MailDsl.</summary>
        WrittenByMailDsl,
        /// <summary>nginx refuses it beside an earlier location, or never reaches it after one: a MAIL4017 error, not written.</summary>
        Duplicate,
        /// <summary>No request can reach it (MAIL4002, MAIL4018): not written.</summary>
        NeverMatches,
        /// <summary>Its match is not one nginx's tokenizer reads as a location (MAIL3001's to report): not written.</summary>
        Unreadable,
    }

    /// <summary>The verdict on one extra location.</summary>
    /// <param name="Index">Its place among the description's extra locations (the origin key's number).</param>
    /// <param name="Location">The location as described.</param>
    /// <param name="Match">How nginx reads its match, or null when it cannot.</param>
    /// <param name="Fate">What becomes of it.</param>
    /// <param name="Other">For a duplicate, the location it collides with: MailDsl's own (its match) or an earlier extra.</param>
    /// <param name="OtherIsOwn">Whether <paramref name="Other"/> is one MailDsl writes itself.</param>
    /// <param name="OtherIndex">For an earlier extra, its index.</param>
    internal sealed record ExtraLocationVerdict(int Index, NginxLocation Location, NginxLocationMatch? Match, ExtraLocationFate Fate,
        string? Other = null, bool OtherIsOwn = false, int OtherIndex = -1);

    /// <summary>
    /// The extra locations judged the way nginx compares locations: against the ones MailDsl writes itself
    /// (<see cref="NginxSiteRenderer.OwnLocations"/>, the one list the site is rendered from) and against each other, in the
    /// order nginx reads them. The renderer writes exactly those judged <see cref="ExtraLocationFate.Written"/>, and the
    /// rules report the others, so what the rules accept is what the site holds.
    /// </summary>
    internal static class NginxLocations
    {
        /// <summary>Every extra location of <paramref name="webmail"/>, with its fate beside <paramref name="own"/>.</summary>
        public static IReadOnlyList<ExtraLocationVerdict> Judge(WebmailLayer webmail, IReadOnlyList<SiteLocation> own)
        {
            var ownMatches = own.Select(o => (Location: o, Match: NginxLocationMatch.Read(o.Match)!)).ToList();
            var verdicts = new List<ExtraLocationVerdict>();
            var written = new List<(int Index, NginxLocation Location, NginxLocationMatch Match)>();
            for (var i = 0; i < webmail.ExtraLocations.Count; i++)
            {
                var extra = webmail.ExtraLocations[i];
                if (extra is null) continue;
                var match = NginxLocationMatch.Read(extra.Match);
                if (match is null)
                {
                    verdicts.Add(new ExtraLocationVerdict(i, extra, null, ExtraLocationFate.Unreadable));
                    continue;
                }
                if (match.NeverMatches is not null)
                {
                    verdicts.Add(new ExtraLocationVerdict(i, extra, match, ExtraLocationFate.NeverMatches));
                    continue;
                }
                var mine = ownMatches.FirstOrDefault(o => match.Duplicates(o.Match) || match.ShadowedBy(o.Match));
                if (mine.Location is not null)
                {
                    var same = match == mine.Match && Same(extra.Body, mine.Location.Body);
                    verdicts.Add(new ExtraLocationVerdict(i, extra, match, same ? ExtraLocationFate.WrittenByMailDsl : ExtraLocationFate.Duplicate, mine.Location.Match, OtherIsOwn: true));
                    continue;
                }
                var earlier = written.FirstOrDefault(w => match.Duplicates(w.Match) || match.ShadowedBy(w.Match));
                if (earlier.Location is not null)
                {
                    verdicts.Add(new ExtraLocationVerdict(i, extra, match, ExtraLocationFate.Duplicate, earlier.Location.Match, OtherIndex: earlier.Index));
                    continue;
                }
                written.Add((i, extra, match));
                verdicts.Add(new ExtraLocationVerdict(i, extra, match, ExtraLocationFate.Written));
            }
            return verdicts;
        }

        // The same directives, blanks aside.
        private static bool Same(IReadOnlyList<string?> body, IReadOnlyList<string> other)
            => body.Count == other.Count && body.Zip(other, (a, b) => Normalize(a) == Normalize(b)).All(x => x);

        private static string Normalize(string? directive)
            => string.Join(" ", (directive ?? "").Split(new[] { ' ', '\t' }, StringSplitOptions.RemoveEmptyEntries));
    }
}
