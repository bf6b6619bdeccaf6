using System;
using System.Collections.Generic;
using System.Linq;

namespace LlmPreflight.Internal
{
    /// <summary>
    /// What <c>AddLlmPreflight</c> calls have registered on one service collection, replayed in order onto fresh
    /// options each time one is added, so configuration and code compose and the static guard always reflects all of them.
    /// </summary>
    internal sealed class LlmGuardRegistration
    {
        private readonly List<Action<LlmGuardOptions, IDictionary<string, string>>> _steps = new List<Action<LlmGuardOptions, IDictionary<string, string>>>();

        /// <summary>Adds a step and applies every step to <see cref="LlmGuard"/>; a step that fails is not kept.</summary>
        public void Add(Action<LlmGuardOptions, IDictionary<string, string>> step)
        {
            _steps.Add(step);
            try
            {
                Apply();
            }
            catch
            {
                _steps.RemoveAt(_steps.Count - 1);
                throw;
            }
        }

        private void Apply()
        {
            var keyPaths = new Dictionary<string, string>(StringComparer.Ordinal);
            try
            {
                LlmGuard.Configure(options =>
                {
                    foreach (Action<LlmGuardOptions, IDictionary<string, string>> step in _steps)
                    {
                        step(options, keyPaths);
                    }
                });
            }
            catch (LlmGuardConfigurationException error) when (keyPaths.Count > 0)
            {
                throw new LlmGuardConfigurationException(error.Problems.Select(p => WithKey(p, keyPaths)).ToList());
            }
        }

        /// <summary>Validation names "policy 'x': Setting ..."; when that setting came from configuration, names its key too.</summary>
        private static string WithKey(string problem, IDictionary<string, string> keyPaths)
        {
            foreach (KeyValuePair<string, string> entry in keyPaths)
            {
                int slash = entry.Key.LastIndexOf('/');
                string prefix = $"policy '{entry.Key.Substring(0, slash)}': {entry.Key.Substring(slash + 1)} ";
                if (problem.StartsWith(prefix, StringComparison.Ordinal))
                {
                    return $"configuration key '{entry.Value}': {problem}";
                }
            }

            return problem;
        }
    }
}
