using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace MailDsl.Text
{
    /// <summary>Lists of names in messages and generated text, kept readable whatever the platform's size.</summary>
    public static class Listing
    {
        /// <summary>The first <paramref name="shown"/> items separated by commas, then "and N more".</summary>
        /// <param name="items">The names, in the order to show them.</param>
        /// <param name="shown">How many to show before "and N more".</param>
        public static string Abbreviate(IReadOnlyList<string> items, int shown = 4)
            => items.Count <= shown
                ? string.Join(", ", items)
                : string.Join(", ", items.Take(shown)) + " and " + (items.Count - shown).ToString(CultureInfo.InvariantCulture) + " more";
    }
}
