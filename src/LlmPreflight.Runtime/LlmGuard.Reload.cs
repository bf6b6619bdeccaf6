using System.Threading;
using LlmPreflight.Internal;

namespace LlmPreflight
{
    /// <summary>How <c>AddLlmPreflight</c> installs configurations and reloads them (see <see cref="LlmGuardRegistration"/>).</summary>
    public static partial class LlmGuard
    {
        /// <summary>Installs a start-up configuration, as <see cref="Configure"/> does, and returns it so the caller knows what it installed.</summary>
        internal static PolicyRegistry Install(LlmGuardOptions options)
        {
            PolicyRegistry registry = PolicyRegistry.Build(options);
            Volatile.Write(ref _registry, registry);
            return registry;
        }

        /// <summary>
        /// Replaces <paramref name="expected"/> with a configuration built from <paramref name="options"/> that carries
        /// over its budget spend and cache stores. Returns null, installing nothing, when <paramref name="expected"/>
        /// is no longer in force: a later <see cref="Configure"/> (or another service collection) owns the guard now,
        /// and a reload of an older registration must not undo that.
        /// </summary>
        /// <exception cref="LlmGuardConfigurationException">The options are invalid; nothing changes.</exception>
        internal static PolicyRegistry? Replace(PolicyRegistry expected, LlmGuardOptions options)
        {
            PolicyRegistry registry = PolicyRegistry.Build(options, expected);
            return ReferenceEquals(Interlocked.CompareExchange(ref _registry, registry, expected), expected) ? registry : null;
        }
    }
}
