namespace MailDsl.Generators
{
    /// <summary>
    /// The names of the generator's pipeline steps, in order, for <c>WithTrackingName</c> and for caching tests and
    /// benchmarks (<c>GeneratorDriverRunResult.Results[i].TrackedSteps[name]</c>). Every step's output is an equatable
    /// value, so a step whose input compared equal is served from the cache (<c>Cached</c>).
    /// </summary>
    public static class TrackingNames
    {
        /// <summary>
        /// Find and evaluate: each <c>[MailPlatform]</c> class (<c>ForAttributeWithMetadataName</c>) with its <c>Describe()</c>
        /// evaluated into the model, without origins. Roslyn re-runs this transform on every compilation change, so after
        /// an unrelated edit or a comment it reports <c>Unchanged</c> (ran, equal result) and every later step <c>Cached</c>.
        /// </summary>
        public const string Platforms = nameof(Platforms);

        /// <summary>Check: the rules and the model's fingerprint, only for a model that changed.</summary>
        public const string Checked = nameof(Checked);

        /// <summary>Render, as far as compile time needs it: which files each group of hosts gets (one host of each group rendered).</summary>
        public const string Layouts = nameof(Layouts);

        /// <summary>Emit: the generated source text (hint name and text).</summary>
        public const string Sources = nameof(Sources);
    }
}
