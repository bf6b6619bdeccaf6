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
        private static readonly ConcurrentDictionary<Type, Func<object, int>?> s_readers = new ConcurrentDictionary<Type, Func<object, int>?>();

        /// <summary>The HTTP status of a failed response that is worth retrying; 0 for a success or anything else.</summary>
        public static int TransientStatus<T>(T result)
        {
            // Error responses are SDK classes; a value-type result is never one (and is not boxed to find out).
            if (typeof(T).IsValueType || result is null)
            {
                return 0;
            }

            Func<object, int>? reader = s_readers.GetOrAdd(result.GetType(), Build);
            int status = reader?.Invoke(result) ?? 0;
            return FailureClassifier.IsTransientStatus(status) ? status : 0;
        }

        /// <summary>Reads <c>HttpStatusCode</c> when <c>Successful</c> is false; null when the type has neither.</summary>
        private static Func<object, int>? Build(Type type)
        {
            PropertyInfo? successful = type.GetProperty("Successful", BindingFlags.Public | BindingFlags.Instance);
            PropertyInfo? status = type.GetProperty("HttpStatusCode", BindingFlags.Public | BindingFlags.Instance);
            if (successful?.PropertyType != typeof(bool) || status is null
                || (status.PropertyType != typeof(HttpStatusCode) && status.PropertyType != typeof(HttpStatusCode?)))
            {
                return null;
            }

            ParameterExpression result = Expression.Parameter(typeof(object), "result");
            UnaryExpression typed = Expression.Convert(result, type);
            Expression code = status.PropertyType == typeof(HttpStatusCode?)
                ? Expression.Call(Expression.Property(typed, status), typeof(HttpStatusCode?).GetMethod(nameof(Nullable<HttpStatusCode>.GetValueOrDefault), Type.EmptyTypes)!)
                : Expression.Property(typed, status);
            Expression body = Expression.Condition(
                Expression.Property(typed, successful),
                Expression.Constant(0),
                Expression.Convert(code, typeof(int)));
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
