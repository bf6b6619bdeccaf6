using System;
using System.Threading;
using System.Threading.Tasks;
using LlmPreflight.Internal;
using LlmPreflight.Internal.Metering;
using LlmPreflight.Internal.Validation;

namespace LlmPreflight
{
    /// <summary>Output validation entry points of the guard.</summary>
    public static partial class LlmGuard
    {
        /// <summary>
        /// Calls the model under the default policy and reads its answer as a <typeparamref name="TValue"/>, re-asking with the
        /// validation errors when the answer is invalid or cut off; see
        /// <see cref="RunValidatedAsync{TResult, TValue}(string, Func{LlmRepairRequest, CancellationToken, Task{TResult}}, LlmParseOptions, CancellationToken)"/>.
        /// </summary>
        /// <typeparam name="TResult">The SDK call's result type (<c>ClientResult&lt;ChatCompletion&gt;</c>, <c>ChatResponse</c>, <c>Message</c>, a string, ...).</typeparam>
        /// <typeparam name="TValue">The type the answer is read as.</typeparam>
        /// <param name="call">Sends the request; receives <c>null</c> the first time and a <see cref="LlmRepairRequest"/> on each re-ask.</param>
        /// <param name="cancellationToken">The caller's token.</param>
        /// <returns>The valid value, or the policy's fallback for <typeparamref name="TValue"/>.</returns>
        public static Task<TValue> RunValidatedAsync<TResult, TValue>(Func<LlmRepairRequest?, CancellationToken, Task<TResult>> call, CancellationToken cancellationToken = default)
            => RunValidatedAsync<TResult, TValue>(DefaultPolicyName, call, null, cancellationToken);

        /// <summary>
        /// Calls the model under a named policy and reads its answer as a <typeparamref name="TValue"/> (<see cref="LlmOutput.ParseResponse{T}"/>).
        /// When the answer is invalid, or truncated, filtered or refused, the call runs again with a <see cref="LlmRepairRequest"/>
        /// holding the errors and a ready-made instruction to append to the conversation, up to
        /// <see cref="LlmValidationOptions.MaxRepairAttempts"/> times. Then the policy's fallback for <typeparamref name="TValue"/>
        /// (<see cref="LlmPolicyOptions.AddFallback{T}"/>) is returned if it has one; otherwise <see cref="LlmOutputValidationException"/> is thrown.
        /// Each model call runs through <see cref="RunAsync{T}(string, Func{CancellationToken, Task{T}}, CancellationToken)"/>, with
        /// the policy's retries, timeouts, limiter, budget and metering.
        /// </summary>
        /// <typeparam name="TResult">The SDK call's result type (<c>ClientResult&lt;ChatCompletion&gt;</c>, <c>ChatResponse</c>, <c>Message</c>, a string, ...).</typeparam>
        /// <typeparam name="TValue">The type the answer is read as.</typeparam>
        /// <param name="policyName">A policy added with <see cref="LlmGuardOptions.AddPolicy"/>, or <see cref="DefaultPolicyName"/>.</param>
        /// <param name="call">Sends the request; receives <c>null</c> the first time and a <see cref="LlmRepairRequest"/> on each re-ask. Pass it the token it receives.</param>
        /// <param name="parseOptions">How the answer is read and checked; <c>null</c> for the defaults.</param>
        /// <param name="cancellationToken">The caller's token.</param>
        /// <returns>The valid value, or the policy's fallback for <typeparamref name="TValue"/>.</returns>
        /// <exception cref="LlmOutputValidationException">Every answer was rejected and the policy has no fallback for <typeparamref name="TValue"/>.</exception>
        /// <exception cref="InvalidOperationException">The runtime cannot read the text of a <typeparamref name="TResult"/>.</exception>
        public static async Task<TValue> RunValidatedAsync<TResult, TValue>(
            string policyName, Func<LlmRepairRequest?, CancellationToken, Task<TResult>> call, LlmParseOptions? parseOptions = null, CancellationToken cancellationToken = default)
        {
            NotNull(call, nameof(call));
            GuardPolicy policy = Registry.Get(policyName);
            LlmCallContext? context = CallScope.Current;
            LlmRepairRequest? repair = null;
            for (int answer = 1; ; answer++)
            {
                LlmRepairRequest? current = repair;
                TResult result = await RunAsync(policyName, ct => call(current, ct), cancellationToken).ConfigureAwait(false);
                if (result != null && !LlmCompletion.IsRecognized(result))
                {
                    throw new InvalidOperationException(
                        $"RunValidatedAsync cannot read the text of a {TypeNames.Display(result.GetType())}. Return the SDK's result or the answer's text (a string) from the call, "
                        + "or teach the runtime the type with LlmCompletion.Register.");
                }

                LlmParseResult<TValue> parsed = OutputParser.Parse<TValue>(LlmCompletion.GetText(result), parseOptions, LlmCompletion.GetStatus(result));
                if (parsed.IsValid)
                {
                    return parsed.Value!;
                }

                ValidationMetrics.Failure(policy.Name, context, parsed.Status);
                if (answer > policy.MaxRepairAttempts)
                {
                    var failure = new LlmOutputValidationException(typeof(TValue), parsed.Errors, parsed.Text, parsed.Status, answer, policy.Name);
                    return policy.FallbackFor(typeof(TValue)) is Func<Exception, object?> fallback ? (TValue)fallback(failure)! : throw failure;
                }

                repair = new LlmRepairRequest(answer, parsed.Errors, parsed.Text, parsed.Status, parsed.RepairInstruction);
                ValidationMetrics.Repair(policy.Name, context, parsed.Status);
            }
        }
    }
}
