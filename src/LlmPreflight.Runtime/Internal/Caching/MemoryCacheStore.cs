using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Caching.Distributed;

namespace LlmPreflight.Internal.Caching
{
    /// <summary>
    /// The guard's own store, used when no <c>HybridCache</c> is given: entries in process memory, timed on the
    /// configuration's <see cref="TimeProvider"/> (so tests can move time), optionally in front of an
    /// <see cref="IDistributedCache"/>; one caller per key runs the factory while the others wait for its result.
    /// </summary>
    internal sealed class MemoryCacheStore : ICacheStore
    {
        private static readonly TimeSpan SweepInterval = TimeSpan.FromMinutes(1);

        private readonly ConcurrentDictionary<string, Entry> _entries = new ConcurrentDictionary<string, Entry>(StringComparer.Ordinal);
        private readonly ConcurrentDictionary<string, Task<byte[]>> _flights = new ConcurrentDictionary<string, Task<byte[]>>(StringComparer.Ordinal);
        private readonly TimeProvider _time;
        private readonly IDistributedCache? _distributed;
        private long _nextSweepTicks;

        public MemoryCacheStore(TimeProvider time, IDistributedCache? distributed)
        {
            _time = time;
            _distributed = distributed;
        }

        public async ValueTask<byte[]> GetOrCreateAsync<TState>(string key, TState state, Func<TState, CancellationToken, ValueTask<byte[]>> factory, TimeSpan expiration, TimeSpan localExpiration, CancellationToken cancellationToken)
        {
            while (true)
            {
                if (TryGetLocal(key, out byte[]? cached))
                {
                    return cached!;
                }

                var mine = new TaskCompletionSource<byte[]>(TaskCreationOptions.RunContinuationsAsynchronously);
                Task<byte[]> flight = _flights.GetOrAdd(key, mine.Task);
                if (flight != mine.Task)
                {
                    try
                    {
                        return await WaitAsync(flight, cancellationToken).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                    {
                        // The caller who ran the factory gave up; this caller still wants an answer.
                        continue;
                    }
                }

                try
                {
                    byte[] value = await CreateAsync(key, state, factory, expiration, localExpiration, cancellationToken).ConfigureAwait(false);
                    mine.SetResult(value);
                    return value;
                }
                catch (OperationCanceledException)
                {
                    mine.SetCanceled();
                    throw;
                }
                catch (Exception e)
                {
                    mine.SetException(e);
                    _ = mine.Task.Exception; // observed here; waiters, if any, get it too
                    throw;
                }
                finally
                {
                    ((ICollection<KeyValuePair<string, Task<byte[]>>>)_flights).Remove(new KeyValuePair<string, Task<byte[]>>(key, mine.Task));
                }
            }
        }

        public async ValueTask RemoveAsync(string key, CancellationToken cancellationToken)
        {
            _entries.TryRemove(key, out _);
            if (_distributed != null)
            {
                await _distributed.RemoveAsync(key, cancellationToken).ConfigureAwait(false);
            }
        }

        private async Task<byte[]> CreateAsync<TState>(string key, TState state, Func<TState, CancellationToken, ValueTask<byte[]>> factory, TimeSpan expiration, TimeSpan localExpiration, CancellationToken cancellationToken)
        {
            if (_distributed != null)
            {
                byte[]? shared = null;
                try
                {
                    shared = await _distributed.GetAsync(key, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception e) when (!(e is OperationCanceledException))
                {
                    // An unreachable distributed cache is a miss, as in HybridCache: the model still answers.
                }

                if (shared != null)
                {
                    SetLocal(key, shared, localExpiration);
                    return shared;
                }
            }

            byte[] value = await factory(state, cancellationToken).ConfigureAwait(false);
            SetLocal(key, value, localExpiration);
            if (_distributed != null)
            {
                try
                {
                    await _distributed.SetAsync(key, value, new DistributedCacheEntryOptions { AbsoluteExpirationRelativeToNow = expiration }, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception e) when (!(e is OperationCanceledException))
                {
                    // Not stored for other instances; this one keeps its copy and the caller keeps the answer.
                }
            }

            return value;
        }

        private bool TryGetLocal(string key, out byte[]? value)
        {
            if (_entries.TryGetValue(key, out Entry? entry))
            {
                if (_time.GetUtcNow() < entry.Expires)
                {
                    value = entry.Value;
                    return true;
                }

                ((ICollection<KeyValuePair<string, Entry>>)_entries).Remove(new KeyValuePair<string, Entry>(key, entry));
            }

            value = null;
            return false;
        }

        private void SetLocal(string key, byte[] value, TimeSpan localExpiration)
        {
            DateTimeOffset now = _time.GetUtcNow();
            _entries[key] = new Entry(value, now + localExpiration);
            long next = Interlocked.Read(ref _nextSweepTicks);
            if (now.UtcTicks >= next && Interlocked.CompareExchange(ref _nextSweepTicks, (now + SweepInterval).UtcTicks, next) == next)
            {
                // Expired entries nobody asks for again would otherwise stay in memory for good.
                foreach (KeyValuePair<string, Entry> pair in _entries)
                {
                    if (now >= pair.Value.Expires)
                    {
                        ((ICollection<KeyValuePair<string, Entry>>)_entries).Remove(pair);
                    }
                }
            }
        }

        private static async Task<byte[]> WaitAsync(Task<byte[]> flight, CancellationToken cancellationToken)
        {
            if (!cancellationToken.CanBeCanceled || flight.IsCompleted)
            {
                return await flight.ConfigureAwait(false);
            }

            var cancelled = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            using (cancellationToken.Register(() => cancelled.TrySetResult(true)))
            {
                if (await Task.WhenAny(flight, cancelled.Task).ConfigureAwait(false) != flight)
                {
                    throw new OperationCanceledException(cancellationToken);
                }
            }

            return await flight.ConfigureAwait(false);
        }

        private sealed class Entry
        {
            public Entry(byte[] value, DateTimeOffset expires)
            {
                Value = value;
                Expires = expires;
            }

            public byte[] Value { get; }

            public DateTimeOffset Expires { get; }
        }
    }
}
