using System;
using System.Threading;

namespace LlmPreflight.Internal
{
    /// <summary>
    /// Cancels a token source when a <see cref="TimeProvider"/> timer fires and remembers that it did,
    /// so a cancellation can be told apart from the caller's. Built on <see cref="TimeProvider.CreateTimer"/>
    /// so tests can drive it with a fake clock.
    /// </summary>
    internal sealed class CancelTimer : IDisposable
    {
        private readonly ITimer? _timer;
        private readonly TimeSpan _timeout;
        private int _fired;

        public CancelTimer(TimeProvider timeProvider, TimeSpan? timeout, CancellationTokenSource source, bool start)
        {
            if (timeout is TimeSpan value)
            {
                _timeout = value;
                _timer = timeProvider.CreateTimer(Fire, source, start ? value : System.Threading.Timeout.InfiniteTimeSpan, System.Threading.Timeout.InfiniteTimeSpan);
            }
        }

        public TimeSpan Timeout => _timeout;

        public bool Fired => Volatile.Read(ref _fired) == 1;

        public void Restart() => _timer?.Change(_timeout, System.Threading.Timeout.InfiniteTimeSpan);

        public void Stop() => _timer?.Change(System.Threading.Timeout.InfiniteTimeSpan, System.Threading.Timeout.InfiniteTimeSpan);

        public void Dispose() => _timer?.Dispose();

        private void Fire(object? state)
        {
            Interlocked.Exchange(ref _fired, 1);
            try
            {
                ((CancellationTokenSource)state!).Cancel();
            }
            catch (ObjectDisposedException)
            {
                // The stream finished between the timer firing and this callback running.
            }
        }
    }
}
