using System;

namespace LlmPreflight
{
    /// <summary>Which built-in detectors an <see cref="LlmPiiRedactor"/> runs.</summary>
    [Flags]
    public enum LlmPiiDetectors
    {
        /// <summary>No built-in detector (only <see cref="LlmPiiRedactorOptions.CustomDetectors"/> run).</summary>
        None = 0,

        /// <summary><see cref="LlmPiiKind.Email"/>.</summary>
        Email = 1 << 0,

        /// <summary><see cref="LlmPiiKind.Phone"/>.</summary>
        Phone = 1 << 1,

        /// <summary><see cref="LlmPiiKind.CreditCard"/>.</summary>
        CreditCard = 1 << 2,

        /// <summary><see cref="LlmPiiKind.Iban"/>.</summary>
        Iban = 1 << 3,

        /// <summary><see cref="LlmPiiKind.UsSsn"/>.</summary>
        UsSsn = 1 << 4,

        /// <summary><see cref="LlmPiiKind.ArgentineDni"/>.</summary>
        ArgentineDni = 1 << 5,

        /// <summary><see cref="LlmPiiKind.ArgentineCuit"/>.</summary>
        ArgentineCuit = 1 << 6,

        /// <summary><see cref="LlmPiiKind.IPAddress"/> (IPv4 and IPv6).</summary>
        IPAddress = 1 << 7,

        /// <summary><see cref="LlmPiiKind.ApiKey"/>.</summary>
        ApiKey = 1 << 8,

        /// <summary>Every built-in detector (the default).</summary>
        All = Email | Phone | CreditCard | Iban | UsSsn | ArgentineDni | ArgentineCuit | IPAddress | ApiKey,
    }
}
