using System;

namespace MailDsl
{
    /// <summary>
    /// Marks a <c>static partial class</c> that describes a mail platform. The class declares
    /// <c>static Platform Describe()</c>; the MailDsl generator evaluates it at compile time, reports
    /// every mistake as a diagnostic at the argument, and adds <c>public static int Run(string[] args)</c>.
    /// </summary>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
    public sealed class MailPlatformAttribute : Attribute
    {
    }
}
