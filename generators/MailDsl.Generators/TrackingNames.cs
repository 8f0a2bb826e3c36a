namespace MailDsl.Generators
{
    /// <summary>The names of the generator's pipeline steps, for <c>WithTrackingName</c> and for caching tests.</summary>
    public static class TrackingNames
    {
        /// <summary>Each <c>[MailPlatform]</c> class, evaluated and rendered into a <see cref="Parsing.PlatformSpec"/>.</summary>
        public const string PlatformSpecs = nameof(PlatformSpecs);
    }
}
