using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Primitives;

namespace LlmPreflight.Internal
{
    /// <summary>
    /// What <c>AddLlmPreflight</c> calls have registered on one service collection, replayed in order onto fresh
    /// options each time one is added, so configuration and code compose and the static guard always reflects all of them.
    /// When a configuration source reports a change, all steps are replayed again (code steps too, so fallbacks, the
    /// clock and user-supplied instances are not lost) and the result replaces the configuration this registration
    /// installed; an invalid result is reported and changes nothing.
    /// </summary>
    internal sealed class LlmGuardRegistration
    {
        private readonly object _gate = new object();
        private readonly List<Step> _steps = new List<Step>();
        private readonly List<KeyValuePair<IConfiguration, IDisposable>> _watchers = new List<KeyValuePair<IConfiguration, IDisposable>>();
        private PolicyRegistry? _installed;
        private Action<LlmGuardConfigurationException>? _onError;
        private ILogger? _logger;

        /// <summary>Adds a step and applies every step to <see cref="LlmGuard"/>; a step that fails is not kept.</summary>
        /// <param name="apply">Sets options; records configuration keys in the dictionary.</param>
        /// <param name="source">The configuration the step reads, watched for changes; null for a code-only step.</param>
        public void Add(Action<LlmGuardOptions, IDictionary<string, string>> apply, IConfiguration? source)
        {
            List<IDisposable> stopped;
            lock (_gate)
            {
                _steps.Add(new Step(apply, source));
                LlmGuardOptions options = null!;
                try
                {
                    _installed = NamingKeys(keyPaths =>
                    {
                        options = Replay(keyPaths, carryCostsFrom: null);
                        return LlmGuard.Install(options);
                    });
                }
                catch
                {
                    _steps.RemoveAt(_steps.Count - 1);
                    throw;
                }

                stopped = Settle(options);
            }

            DisposeAll(stopped);
        }

        /// <summary>Where failed reloads are logged: the provider's <see cref="ILoggerFactory"/>, if it has one.</summary>
        public void AttachServices(IServiceProvider services)
        {
            if (services.GetService(typeof(ILoggerFactory)) is ILoggerFactory loggers)
            {
                lock (_gate)
                {
                    _logger = loggers.CreateLogger("LlmPreflight.Configuration");
                }
            }
        }

        /// <summary>Replays every step after a configuration change. Never throws: this runs on the configuration provider's thread.</summary>
        private void Reload()
        {
            List<IDisposable> stopped = new List<IDisposable>();
            lock (_gate)
            {
                if (_installed is not PolicyRegistry current)
                {
                    return;
                }

                try
                {
                    LlmGuardOptions options = null!;
                    PolicyRegistry? replaced = NamingKeys(keyPaths =>
                    {
                        options = Replay(keyPaths, carryCostsFrom: current);
                        return LlmGuard.Replace(current, options);
                    });
                    if (replaced is null)
                    {
                        // LlmGuard.Configure (or another service collection) has replaced this configuration since:
                        // it owns the guard now, so this registration stops following its configuration.
                        _installed = null;
                        stopped = StopWatching();
                        _logger?.LogInformation("LlmPreflight: the configuration changed, but the guard has been configured elsewhere since; the change is not applied.");
                        return;
                    }

                    _installed = replaced;
                    stopped = Settle(options);
                    Metering.Telemetry.ConfigurationReloads.Add(1);
                    _logger?.LogInformation("LlmPreflight: configuration reloaded; new calls use the changed settings.");
                }
                catch (LlmGuardConfigurationException invalid)
                {
                    Report(invalid);
                }
                catch (Exception error)
                {
                    Report(new LlmGuardConfigurationException(
                        $"applying the changed configuration threw {error.GetType().Name}: {error.Message} The previous configuration stays in force; fix the configure delegate passed to AddLlmPreflight.",
                        error));
                }
            }

            DisposeAll(stopped);
        }

        private void Report(LlmGuardConfigurationException invalid)
        {
            Metering.Telemetry.ConfigurationReloadFailures.Add(1);
            _logger?.LogError(invalid, "LlmPreflight: the changed configuration was rejected and the previous configuration stays in force. {Problems}", invalid.Message);
            try
            {
                _onError?.Invoke(invalid);
            }
            catch (Exception handlerError)
            {
                // The handler's own failure must not escape into the configuration provider (a file watcher's thread).
                _logger?.LogError(handlerError, "LlmPreflight: the OnConfigurationError handler threw.");
            }
        }

        /// <summary>Runs every step onto fresh options; a reload first hands them the tracker in use, so cost sums continue.</summary>
        private LlmGuardOptions Replay(IDictionary<string, string> keyPaths, PolicyRegistry? carryCostsFrom)
        {
            var options = new LlmGuardOptions();
            if (carryCostsFrom != null)
            {
                // A step that sets its own tracker still wins; the default would otherwise be a new, empty one.
                options.CostTracker = carryCostsFrom.Metering.Tracker;
            }

            foreach (Step step in _steps)
            {
                step.Apply(options, keyPaths);
            }

            return options;
        }

        /// <summary>Remembers the error handler and starts or stops watching, as the options just applied say; returns watchers to dispose outside the lock.</summary>
        private List<IDisposable> Settle(LlmGuardOptions options)
        {
            _onError = options.OnConfigurationError;
            if (!options.ReloadOnConfigurationChange)
            {
                return StopWatching();
            }

            foreach (Step step in _steps)
            {
                if (step.Source is IConfiguration source && !_watchers.Any(w => ReferenceEquals(w.Key, source)))
                {
                    _watchers.Add(new KeyValuePair<IConfiguration, IDisposable>(source, ChangeToken.OnChange(source.GetReloadToken, Reload)));
                }
            }

            return new List<IDisposable>();
        }

        private List<IDisposable> StopWatching()
        {
            List<IDisposable> stopped = _watchers.Select(w => w.Value).ToList();
            _watchers.Clear();
            return stopped;
        }

        // Outside the lock: disposing a change-token registration waits for a callback running on another thread,
        // and that callback (Reload) may be waiting for the lock.
        private static void DisposeAll(List<IDisposable> watchers)
        {
            foreach (IDisposable watcher in watchers)
            {
                watcher.Dispose();
            }
        }

        /// <summary>Runs <paramref name="body"/>; its configuration errors name the configuration key each setting came from.</summary>
        private static T NamingKeys<T>(Func<IDictionary<string, string>, T> body)
        {
            var keyPaths = new Dictionary<string, string>(StringComparer.Ordinal);
            try
            {
                return body(keyPaths);
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

        private sealed class Step
        {
            public Step(Action<LlmGuardOptions, IDictionary<string, string>> apply, IConfiguration? source)
            {
                Apply = apply;
                Source = source;
            }

            public Action<LlmGuardOptions, IDictionary<string, string>> Apply { get; }

            public IConfiguration? Source { get; }
        }
    }
}
