using System.Security.Cryptography;
using System.Text;

namespace LlmPreflight.Internal
{
    /// <summary>SHA-256 of a string's UTF-8 bytes, for values that must be the same in every process (cache keys, A/B buckets).</summary>
    internal static class Sha256Hash
    {
        public static byte[] Of(string text)
        {
            byte[] input = Encoding.UTF8.GetBytes(text);
#if NET5_0_OR_GREATER
            return SHA256.HashData(input);
#else
            using (SHA256 sha = SHA256.Create())
            {
                return sha.ComputeHash(input);
            }
#endif
        }
    }
}
