namespace LlmPreflight.Internal.Prompts
{
    /// <summary>
    /// Places a subject in one of <see cref="Count"/> buckets of an experiment: the first 8 bytes of
    /// SHA-256(UTF-8 of experiment + "\n" + subject), read big-endian, modulo 10,000. A cryptographic hash rather than
    /// string.GetHashCode (randomised per process) or Random: the same subject lands in the same bucket in every
    /// process, after every restart and in any language that re-implements the rule, and buckets are uniform even for
    /// sequential ids. The experiment's name salts the hash so two experiments split the same users independently.
    /// </summary>
    internal static class StickyBucket
    {
        public const int Count = 10_000;

        public static int Of(string experiment, string subject)
        {
            byte[] hash = Sha256Hash.Of(experiment + "\n" + subject);
            ulong value = 0;
            for (int i = 0; i < 8; i++)
            {
                value = (value << 8) | hash[i];
            }

            return (int)(value % Count);
        }
    }
}
