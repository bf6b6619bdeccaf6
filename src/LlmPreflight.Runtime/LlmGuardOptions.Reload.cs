using System;

namespace LlmPreflight
{
    /// <summary>Configuration reload settings (see docs/runtime.md, "Reloading configuration").</summary>
    public sealed partial class LlmGuardOptions
    {
        /// <summary>
        /// Whether <c>AddLlmPreflight(IConfiguration)</c> re-applies the configuration when it reports a change (for
        /// example appsettings.json loaded with <c>reloadOnChange: true</c>). Default <c>true</c>: an operator who edits
        /// a timeout expects it to take effect, as ASP.NET Core's own settings do; set <c>false</c> to read the
        /// configuration once at start-up. No effect on <see cref="LlmGuard.Configure"/>, which reads nothing.
        /// </summary>
        public bool ReloadOnConfigurationChange { get; set; } = true;

        /// <summary>
        /// Called when a configuration reload is rejected; the previous configuration stays in force. The exception
        /// names each bad configuration key and what to change. Also logged through the <c>ILoggerFactory</c> of the
        /// service provider that resolves <see cref="ILlmGuard"/>, when it has one, and counted as
        /// <see cref="LlmTelemetry.ConfigurationReloadFailures"/>. Default <c>null</c>.
        /// </summary>
        public Action<LlmGuardConfigurationException>? OnConfigurationError { get; set; }
    }
}
