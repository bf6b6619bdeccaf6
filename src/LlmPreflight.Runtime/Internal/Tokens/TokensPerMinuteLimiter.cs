using System;
using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;

namespace LlmPreflight.Internal.Tokens
{
    /// <summary>
    /// A policy's tokens-per-minute allowance: a token bucket of one minute's tokens that refills continuously, as
    /// OpenAI and Azure OpenAI replenish their quotas, with a bounded first-in-first-out queue.
    /// </summary>
    /// <remarks>
    /// Why not System.Threading.RateLimiting: its leases cannot be partly returned or topped up, and reconciling an
    /// estimate with the billed usage needs both. A bucket makes both one addition: an attempt that used more than it
    /// reserved takes the difference (the allowance may go below zero: later calls wait until the debt is repaid),
    /// one that used less gives the rest back, up to a full minute's worth. The queue is strictly first in, first
    /// out, so a large call at its head is not starved by a stream of small ones. Time comes from the
    /// <see cref="TimeProvider"/>, so tests run on fake time.
    /// </remarks>
    internal sealed class TokensPerMinuteLimiter
    {
        // Refills are computed in floating point; anything within this of the need counts as enough, so a waiter
        // woken exactly when its tokens are due is not sent back to sleep by a rounding error.
        private const double Tolerance = 1e-6;

        private readonly object _gate = new object();
        private readonly string _policyName;
        private readonly TimeProvider _time;
        private readonly long _capacity;
        private readonly int _queueLimit;
        private readonly double _tokensPerTimestampTick;
        private readonly LinkedList<Waiter> _queue = new LinkedList<Waiter>();
        private double _available;
        private long _refilledAt;
        private ITimer? _timer;

        public TokensPerMinuteLimiter(string policyName, int tokensPerMinute, int queueLimit, TimeProvider time)
        {
            _policyName = policyName;
            _time = time;
            _capacity = tokensPerMinute;
            _queueLimit = queueLimit;
            _tokensPerTimestampTick = tokensPerMinute / (60.0 * time.TimestampFrequency);
            _available = tokensPerMinute;
            _refilledAt = time.GetTimestamp();
        }

        public long TokensPerMinute => _capacity;

        /// <summary>The tokens free now (negative while usage beyond the estimates is being repaid).</summary>
        public double Available
        {
            get
            {
                lock (_gate)
                {
                    Refill();
                    return _available;
                }
            }
        }

        /// <summary>The calls waiting for tokens.</summary>
        public int Queued
        {
            get
            {
                lock (_gate)
                {
                    return _queue.Count;
                }
            }
        }

        /// <summary>
        /// Takes <paramref name="tokens"/> now when they are free and nobody is waiting (no allocation), else waits in
        /// the queue. Throws <see cref="LlmRateLimitRejectedException"/> when the call needs more than a whole minute's
        /// allowance or the queue is full.
        /// </summary>
        public ValueTask AcquireAsync(long tokens, CancellationToken cancellationToken)
        {
            if (tokens > _capacity)
            {
                throw new LlmRateLimitRejectedException(_policyName, null, tokens, string.Format(
                    CultureInfo.InvariantCulture,
                    "LlmGuard policy '{0}' rejected the call: its estimated {1:N0} tokens (input plus the output bound) exceed the policy's whole allowance of "
                    + "TokensPerMinute = {2:N0}, so it could never run. Shorten the prompt or lower MaxOutputTokens (see LlmPromptEstimate.Check), "
                    + "or raise {3}.{4} if your provider quota allows it.",
                    _policyName, tokens, _capacity, nameof(LlmPolicyOptions), nameof(LlmPolicyOptions.TokensPerMinute)));
            }

            cancellationToken.ThrowIfCancellationRequested();
            Waiter waiter;
            lock (_gate)
            {
                Refill();
                if (_queue.Count == 0 && _available + Tolerance >= tokens)
                {
                    _available -= tokens;
                    return default;
                }

                if (_queue.Count >= _queueLimit)
                {
                    double behind = tokens - _available;
                    foreach (Waiter queued in _queue)
                    {
                        behind += queued.Tokens;
                    }

                    TimeSpan retryAfter = TimeUntil(behind);
                    throw new LlmRateLimitRejectedException(_policyName, retryAfter, tokens, string.Format(
                        CultureInfo.InvariantCulture,
                        "LlmGuard policy '{0}' rejected the call: its tokens-per-minute limiter (TokensPerMinute = {1:N0}) had no room for the call's estimated "
                        + "{2:N0} tokens and its queue was full ({3} calls waiting). Tokens for it should be free in about {4:0.###} s. "
                        + "Raise {5}.{6} to let more calls wait, or {7} if your provider quota allows more tokens per minute.",
                        _policyName, _capacity, tokens, _queue.Count, retryAfter.TotalSeconds,
                        nameof(LlmPolicyOptions), nameof(LlmPolicyOptions.TokensPerMinuteQueueLimit), nameof(LlmPolicyOptions.TokensPerMinute)));
                }

                waiter = new Waiter(this, tokens);
                waiter.Node = _queue.AddLast(waiter);
                if (waiter.Node == _queue.First)
                {
                    ScheduleWakeUp();
                }
            }

            return cancellationToken.CanBeCanceled ? WaitAsync(waiter, cancellationToken) : new ValueTask(waiter.Completion.Task);
        }

        /// <summary>
        /// Waits for a queued call, leaving the queue if the token is cancelled first. The registration is made and
        /// disposed here, on the waiting call's own flow, never under the limiter's lock.
        /// </summary>
        private async ValueTask WaitAsync(Waiter waiter, CancellationToken cancellationToken)
        {
            waiter.CancelledBy = cancellationToken;
            using (cancellationToken.Register(static state => ((Waiter)state!).Limiter.Cancel((Waiter)state), waiter))
            {
                await waiter.Completion.Task.ConfigureAwait(false);
            }
        }

        /// <summary>A billed attempt: its reservation (recomputed from the call's context) is replaced by its real usage.</summary>
        public void Billed(LlmCallContext? context, LlmUsage? usage)
        {
            long reserved = TokenReservation.For(context);
            Reconcile(reserved, TokenReservation.Used(reserved, usage));
        }

        /// <summary>An attempt that produced nothing gives its whole reservation back.</summary>
        public void Release(long reserved) => Reconcile(reserved, 0);

        /// <summary>
        /// Replaces an attempt's reservation with what it really used: more takes the difference (possibly into debt),
        /// less gives the rest back, up to a full minute's allowance.
        /// </summary>
        public void Reconcile(long reserved, long used)
        {
            if (reserved == used)
            {
                return;
            }

            List<Waiter>? granted;
            lock (_gate)
            {
                Refill();
                _available = Math.Min(_capacity, _available + reserved - used);
                granted = GrantWaiters();
            }

            Complete(granted);
        }

        private void Cancel(Waiter waiter)
        {
            List<Waiter>? granted = null;
            lock (_gate)
            {
                if (waiter.Node?.List == null)
                {
                    return; // already granted
                }

                bool wasFirst = waiter.Node == _queue.First;
                _queue.Remove(waiter.Node);
                waiter.Node = null;
                waiter.Completion.TrySetCanceled(waiter.CancelledBy);
                if (wasFirst)
                {
                    // The call that held up the queue has gone: the next ones may fit now.
                    granted = GrantWaiters();
                }
            }

            Complete(granted);
        }

        private void OnTimer()
        {
            List<Waiter>? granted;
            lock (_gate)
            {
                granted = GrantWaiters();
            }

            Complete(granted);
        }

        /// <summary>Under the lock: takes tokens for the waiters at the head that now fit, and sets the timer for the next.</summary>
        private List<Waiter>? GrantWaiters()
        {
            Refill();
            List<Waiter>? granted = null;
            while (_queue.First is LinkedListNode<Waiter> head && _available + Tolerance >= head.Value.Tokens)
            {
                _available -= head.Value.Tokens;
                _queue.RemoveFirst();
                head.Value.Node = null;
                (granted ??= new List<Waiter>()).Add(head.Value);
            }

            ScheduleWakeUp();
            return granted;
        }

        /// <summary>Completes granted waits outside the lock.</summary>
        private static void Complete(List<Waiter>? granted)
        {
            if (granted == null)
            {
                return;
            }

            foreach (Waiter waiter in granted)
            {
                waiter.Completion.TrySetResult(true);
            }
        }

        private void ScheduleWakeUp()
        {
            if (_queue.First is not LinkedListNode<Waiter> head)
            {
                _timer?.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
                return;
            }

            _timer ??= _time.CreateTimer(static state => ((TokensPerMinuteLimiter)state!).OnTimer(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            _timer.Change(TimeUntil(head.Value.Tokens - _available), Timeout.InfiniteTimeSpan);
        }

        /// <summary>How long the refill takes to produce <paramref name="tokens"/>, rounded up to whole timer ticks.</summary>
        private TimeSpan TimeUntil(double tokens)
        {
            if (tokens <= 0)
            {
                return TimeSpan.Zero;
            }

            double seconds = tokens / _capacity * 60.0;
            return TimeSpan.FromTicks((long)Math.Ceiling(seconds * TimeSpan.TicksPerSecond));
        }

        private void Refill()
        {
            long now = _time.GetTimestamp();
            long elapsed = now - _refilledAt;
            _refilledAt = now;
            if (elapsed > 0 && _available < _capacity)
            {
                _available = Math.Min(_capacity, _available + (elapsed * _tokensPerTimestampTick));
            }
        }

        private sealed class Waiter
        {
            public Waiter(TokensPerMinuteLimiter limiter, long tokens)
            {
                Limiter = limiter;
                Tokens = tokens;
            }

            public TokensPerMinuteLimiter Limiter { get; }

            public long Tokens { get; }

            // Continuations run asynchronously: completing a wait under the limiter's lock must not run the caller's attempt there.
            public TaskCompletionSource<bool> Completion { get; } = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);

            public LinkedListNode<Waiter>? Node { get; set; }

            public CancellationToken CancelledBy { get; set; }
        }
    }
}
