using System;
using System.Collections.Concurrent;
using System.Linq.Expressions;
using System.Net;
using System.Reflection;

namespace LlmPreflight.Internal
{
    /// <summary>
    /// SDKs that report HTTP failures in the result instead of throwing (Betalgo.Ranul.OpenAI: <c>Successful == false</c>
    /// with the status in <c>HttpStatusCode</c>). A result type is inspected once; its readers are compiled delegates,
    /// so no reflection runs per call, and a type without that shape costs one dictionary lookup.
    /// </summary>
    internal static class ErrorResponses
    {
        // Per result type: null when it has no Successful flag; else -1 for a success, or the failure's status (0 unknown).
        private static readonly ConcurrentDictionary<Type, Func<object, int>?> s_readers = new ConcurrentDictionary<Type, Func<object, int>?>();

        /// <summary>The HTTP status of a failed response that is worth retrying; 0 for a success or anything else.</summary>
        public static int TransientStatus<T>(T result)
        {
            // Error responses are SDK classes; a value-type result is never one (and is not boxed to find out).
            if (typeof(T).IsValueType || result is null)
            {
                return 0;
            }

            int status = s_readers.GetOrAdd(result.GetType(), Build)?.Invoke(result) ?? -1;
            return FailureClassifier.IsTransientStatus(status) ? status : 0;
        }

        /// <summary>Whether the result reports a failure in its body (<c>Successful == false</c>), whatever the status.</summary>
        public static bool IsFailure(object? result)
            => result != null && s_readers.GetOrAdd(result.GetType(), Build) is Func<object, int> read && read(result) >= 0;

        /// <summary>Reads -1 when <c>Successful</c> is true, else <c>HttpStatusCode</c> (0 when absent); null when the type has no <c>Successful</c>.</summary>
        private static Func<object, int>? Build(Type type)
        {
            PropertyInfo? successful = type.GetProperty("Successful", BindingFlags.Public | BindingFlags.Instance);
            if (successful?.PropertyType != typeof(bool) || successful.GetIndexParameters().Length > 0)
            {
                return null;
            }

            PropertyInfo? status = type.GetProperty("HttpStatusCode", BindingFlags.Public | BindingFlags.Instance);
            ParameterExpression result = Expression.Parameter(typeof(object), "result");
            UnaryExpression typed = Expression.Convert(result, type);
            Expression code = status?.PropertyType == typeof(HttpStatusCode?)
                ? Expression.Convert(Expression.Call(Expression.Property(typed, status), typeof(HttpStatusCode?).GetMethod(nameof(Nullable<HttpStatusCode>.GetValueOrDefault), Type.EmptyTypes)!), typeof(int))
                : status?.PropertyType == typeof(HttpStatusCode)
                    ? Expression.Convert(Expression.Property(typed, status), typeof(int))
                    : Expression.Constant(0);
            Expression body = Expression.Condition(Expression.Property(typed, successful), Expression.Constant(-1), code);
            return Expression.Lambda<Func<object, int>>(body, result).Compile();
        }
    }

    /// <summary>
    /// Raised inside an attempt for a non-throwing SDK's transient error response, so that the retry sees a failure;
    /// when the retries are spent, the guard hands the last response back unchanged, as the SDK would have.
    /// </summary>
    internal sealed class TransientErrorResponseException : Exception
    {
        public TransientErrorResponseException(int status, object response)
            : base($"The model service answered HTTP {status} in the response body's error (the SDK does not throw).")
        {
            Status = status;
            Response = response;
        }

        public int Status { get; }

        public object Response { get; }
    }
}
