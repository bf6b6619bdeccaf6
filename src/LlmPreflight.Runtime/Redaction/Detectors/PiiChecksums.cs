namespace LlmPreflight.Redaction.Detectors
{
    /// <summary>The check-digit algorithms the detectors rely on to tell real identifiers from look-alikes.</summary>
    internal static class PiiChecksums
    {
        /// <summary>Luhn (mod 10), as card numbers use it.</summary>
        public static bool Luhn(string digits)
        {
            int sum = 0;
            bool twice = false;
            for (int i = digits.Length - 1; i >= 0; i--)
            {
                int d = digits[i] - '0';
                if (twice)
                {
                    d *= 2;
                    if (d > 9)
                    {
                        d -= 9;
                    }
                }

                sum += d;
                twice = !twice;
            }

            return sum % 10 == 0;
        }

        /// <summary>ISO 13616 mod 97 over an upper-case IBAN without spaces: the country and check digits move to the end, letters count as 10-35.</summary>
        public static bool IbanMod97(string iban)
        {
            int remainder = 0;
            for (int i = 0; i < iban.Length; i++)
            {
                char c = iban[(i + 4) % iban.Length];
                if (c >= '0' && c <= '9')
                {
                    remainder = (remainder * 10 + (c - '0')) % 97;
                }
                else if (c >= 'A' && c <= 'Z')
                {
                    remainder = (remainder * 100 + (c - 'A' + 10)) % 97;
                }
                else
                {
                    return false;
                }
            }

            return remainder == 1;
        }

        private static readonly int[] CuitWeights = { 5, 4, 3, 2, 7, 6, 5, 4, 3, 2 };

        /// <summary>AFIP's mod 11 over the eleven digits of a CUIT/CUIL; a remainder that would need "10" is never issued.</summary>
        public static bool CuitMod11(string digits)
        {
            int sum = 0;
            for (int i = 0; i < 10; i++)
            {
                sum += (digits[i] - '0') * CuitWeights[i];
            }

            int check = 11 - (sum % 11);
            if (check == 11)
            {
                check = 0;
            }

            return check != 10 && check == digits[10] - '0';
        }
    }
}
