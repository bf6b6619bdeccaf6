namespace LlmPreflight
{
    /// <summary>
    /// The kinds the built-in detectors report. A kind is also the label in the placeholder (<c>[EMAIL_1]</c>), so
    /// it names what was removed without saying anything about the value.
    /// </summary>
    public static class LlmPiiKind
    {
        /// <summary>An e-mail address.</summary>
        public const string Email = "EMAIL";

        /// <summary>A phone number: E.164, North American (NANP) or Argentine.</summary>
        public const string Phone = "PHONE";

        /// <summary>A payment card number (13-19 digits, Luhn-checked, a known issuer range).</summary>
        public const string CreditCard = "CARD";

        /// <summary>An IBAN (country length and mod-97 checked).</summary>
        public const string Iban = "IBAN";

        /// <summary>A US Social Security number outside the ranges the SSA never issues.</summary>
        public const string UsSsn = "SSN";

        /// <summary>An Argentine DNI number, recognised only right after a cue such as "DNI" or "documento".</summary>
        public const string ArgentineDni = "DNI";

        /// <summary>An Argentine CUIT or CUIL with a valid prefix and check digit.</summary>
        public const string ArgentineCuit = "CUIT";

        /// <summary>An IPv4 or IPv6 address.</summary>
        public const string IPAddress = "IP";

        /// <summary>A provider API key (OpenAI, Anthropic, Google, Hugging Face), as analyzer LLM0012 recognises them.</summary>
        public const string ApiKey = "API_KEY";
    }
}
