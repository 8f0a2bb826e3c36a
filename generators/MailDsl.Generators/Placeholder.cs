namespace MailDsl.Generators
{
    internal static class GeneratorInfo
    {
        public const string Name = "MailDsl.Generators";
    }
}
