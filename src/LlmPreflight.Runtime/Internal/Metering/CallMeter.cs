using System;
using System.Diagnostics;

namespace LlmPreflight.Internal.Metering
{
    /// <summary>
    /// Meters one guarded call: its activity and duration, one activity per attempt, the budget check and
    /// reconciliation, and exactly one cost record per billed attempt (an attempt that returned a result).
    /// </summary>
    internal class CallMeter
    {
        private readonly MeteringRuntime _runtime;
        private readonly PolicyMeter _policy;
        private readonly LlmCallContext? _context;
        private readonly string _operation;
        private readonly long _started;
        private readonly Activity? _activity;
        private decimal _reserved;
        private int _attempts;
        private bool _succeeded;
        private readonly bool _traced;
        private string? _responseModel;
        private string? _provider;

        public CallMeter(MeteringRuntime runtime, PolicyMeter policy, string operation, LlmCallContext? context)
        {
            _runtime = runtime;
            _policy = policy;
            _context = context;
            _operation = operation;
            _provider = _context?.Provider;

            // Only the duration histogram needs the start; a listener that attaches mid-call sees the next call.
            _started = Telemetry.Duration.Enabled ? Stopwatch.GetTimestamp() : 0;
            _traced = Telemetry.Source.HasListeners();
            _activity = _traced
                ? Telemetry.Source.StartActivity(operation + (RequestModel is string m ? " " + m : string.Empty), ActivityKind.Internal)
                : null;
            if (_activity != null)
            {
                _activity.SetTag("gen_ai.operation.name", operation);
                _activity.SetTag("gen_ai.request.model", RequestModel);
                _activity.SetTag("llmpreflight.policy", policy.Name);
                PromptTags.Set(_activity, _context);
            }
        }

        public PolicyMeter PolicyMeter => _policy;

        private string? RequestModel => _context?.Model;

        /// <summary>Reserves the call's estimated cost; returns the exception when the budget cannot cover it.</summary>
        public LlmBudgetExceededException? CheckBudget()
        {
            if (_policy.Budget is not BudgetState budget)
            {
                return null;
            }

            decimal estimate = 0;
            if (_context != null && _runtime.Prices.TryGet(_context.Model, out LlmPrice price))
            {
                estimate = price.Estimate(_context.InputTokenEstimate, _context.MaxOutputTokens ?? 0);
            }

            LlmBudgetExceededException? blocked = budget.TryReserve(estimate);
            if (blocked is null)
            {
                _reserved = estimate;
            }
            else if (Telemetry.BudgetRejections.Enabled)
            {
                Telemetry.BudgetRejections.Add(1, new TagList { { "llmpreflight.policy", _policy.Name } });
            }

            return blocked;
        }

        public Activity? StartAttempt()
        {
            int attempt = ++_attempts;
            if (attempt > 1 && Telemetry.Retries.Enabled)
            {
                Telemetry.Retries.Add(1, new TagList { { "llmpreflight.policy", _policy.Name }, { "gen_ai.operation.name", _operation } });
            }

            // No tracer was listening when the call started: its attempts are not traced either (no parent to join).
            if (!_traced)
            {
                return null;
            }

            Activity? activity = _activity is null
                ? Telemetry.Source.StartActivity(_operation, ActivityKind.Client)
                : Telemetry.Source.StartActivity(_operation, ActivityKind.Client, _activity.Context);
            if (activity != null)
            {
                activity.SetTag("gen_ai.operation.name", _operation);
                activity.SetTag("gen_ai.request.model", RequestModel);
                activity.SetTag("llmpreflight.attempt", attempt);
                PromptTags.Set(activity, _context);
            }

            return activity;
        }

        /// <summary>An attempt returned a result: it is billed, with the usage the result carries (if any).</summary>
        public void AttemptSucceeded<T>(Activity? attempt, T result)
        {
            _succeeded = true;
            Bill(attempt, LlmUsageReaders.TryRead(result, out LlmUsage usage) ? usage : (LlmUsage?)null);
            attempt?.Dispose();
        }

        /// <summary>A streamed attempt ended after delivering items: billed once, with the merged usage of its items.</summary>
        public void StreamAttemptEnded(Activity? attempt, LlmUsage? usage, Exception? failure)
        {
            _succeeded = true;
            Bill(attempt, usage);
            if (failure != null)
            {
                MarkFailed(attempt, failure);
            }

            attempt?.Dispose();
        }

        /// <summary>An attempt failed before producing a result: not billed.</summary>
        public void AttemptFailed(Activity? attempt, Exception failure)
        {
            MarkFailed(attempt, failure);
            attempt?.Dispose();
        }

        /// <summary>Ends the call: duration, fallback and rejection counters, the call's activity and the budget reservation.</summary>
        public void Finish(Exception? failure)
        {
            _policy.Budget?.Release(_reserved);
            if (failure is null && !_succeeded && Telemetry.Fallbacks.Enabled)
            {
                Telemetry.Fallbacks.Add(1, new TagList { { "llmpreflight.policy", _policy.Name }, { "gen_ai.operation.name", _operation } });
            }

            if (failure is LlmRateLimitRejectedException && Telemetry.RateLimitRejections.Enabled)
            {
                Telemetry.RateLimitRejections.Add(1, new TagList { { "llmpreflight.policy", _policy.Name } });
            }

            string? errorType = failure is null ? null : ErrorType(failure);
            if (_started != 0 && Telemetry.Duration.Enabled)
            {
                double seconds = (Stopwatch.GetTimestamp() - _started) / (double)Stopwatch.Frequency;
                TagList tags = GenAiTags();
                if (errorType != null)
                {
                    tags.Add("error.type", errorType);
                }

                Telemetry.Duration.Record(seconds, tags);
            }

            if (_activity != null)
            {
                _activity.SetTag("gen_ai.response.model", _responseModel);
                _activity.SetTag("gen_ai.provider.name", _provider);
                _activity.SetTag("llmpreflight.attempts", _attempts);
                if (_responseModel != null && RequestModel is null)
                {
                    _activity.DisplayName = _operation + " " + _responseModel;
                }

                if (errorType != null)
                {
                    _activity.SetTag("error.type", errorType);
                    _activity.SetStatus(ActivityStatusCode.Error, failure!.Message);
                }
                else if (!_succeeded)
                {
                    _activity.SetTag("llmpreflight.fallback", true);
                }

                _activity.Dispose();
            }
        }

        private void Bill(Activity? attempt, LlmUsage? usage)
        {
            string? model = usage?.Model ?? RequestModel;
            string? provider = _context?.Provider ?? usage?.Provider;
            _responseModel = usage?.Model ?? _responseModel;
            _provider = provider ?? _provider;

            decimal? cost = usage is LlmUsage known && _runtime.Prices.TryGet(model, out LlmPrice price) ? price.CostOf(known) : (decimal?)null;
            if (_runtime.Tracker is LlmCostTracker inMemory)
            {
                var key = new CostSumKey(_policy.Name, model, _context?.PromptId, _context?.PromptExperiment, _context?.PromptVariant);
                inMemory.Add(key, usage, cost, ref _policy.CostHint);
            }
            else
            {
                _runtime.Tracker.Record(new LlmCostRecord(_policy.Name, model, provider, _context?.PromptId, _context?.PromptVersion, _context?.PromptExperiment, _context?.PromptVariant, usage, cost, _runtime.TimeProvider.GetUtcNow()));
            }

            if (cost is decimal spent)
            {
                _policy.Budget?.Spend(spent);
            }

            _policy.Tokens?.Billed(_context, usage);

            if (attempt != null)
            {
                attempt.DisplayName = _operation + (model is null ? string.Empty : " " + model);
                attempt.SetTag("gen_ai.response.model", usage?.Model);
                attempt.SetTag("gen_ai.provider.name", provider);
                if (usage is LlmUsage u)
                {
                    attempt.SetTag("gen_ai.usage.input_tokens", u.InputTokens);
                    attempt.SetTag("gen_ai.usage.output_tokens", u.OutputTokens);
                }

                if (cost is decimal c)
                {
                    attempt.SetTag("llmpreflight.cost", (double)c);
                }
            }

            if (usage is LlmUsage measured && Telemetry.TokenUsage.Enabled)
            {
                TagList input = GenAiTags();
                input.Add("gen_ai.token.type", "input");
                Telemetry.TokenUsage.Record(measured.InputTokens, input);
                TagList output = GenAiTags();
                output.Add("gen_ai.token.type", "output");
                Telemetry.TokenUsage.Record(measured.OutputTokens, output);
            }

            if (cost is decimal dollars && Telemetry.Cost.Enabled)
            {
                TagList tags = GenAiTags();
                Telemetry.Cost.Add((double)dollars, tags);
            }
        }

        private void MarkFailed(Activity? attempt, Exception failure)
        {
            if (attempt != null)
            {
                attempt.SetTag("error.type", ErrorType(failure));
                attempt.SetStatus(ActivityStatusCode.Error, failure.Message);
            }
        }

        private TagList GenAiTags()
        {
            var tags = new TagList
            {
                { "gen_ai.operation.name", _operation },
                { "llmpreflight.policy", _policy.Name },
            };
            if (_provider != null)
            {
                tags.Add("gen_ai.provider.name", _provider);
            }

            if (RequestModel != null)
            {
                tags.Add("gen_ai.request.model", RequestModel);
            }

            if (_responseModel != null)
            {
                tags.Add("gen_ai.response.model", _responseModel);
            }

            PromptTags.Add(ref tags, _context);
            return tags;
        }

        /// <summary>The semantic conventions' <c>error.type</c>: the HTTP status when there is one, else the exception type.</summary>
        private string ErrorType(Exception failure)
        {
            int status = FailureClassifier.Classify(failure, _runtime.TimeProvider.GetUtcNow()).StatusCode;
            return status > 0 ? status.ToString(System.Globalization.CultureInfo.InvariantCulture) : failure.GetType().FullName ?? failure.GetType().Name;
        }
    }
}
