using System;
using System.Collections.Concurrent;
using System.Linq.Expressions;
using System.Reflection;

namespace LlmPreflight.Internal.Caching
{
    /// <summary>
    /// Results that report a failure instead of throwing (Betalgo: <c>Successful == false</c>) must not be cached: a 401
    /// cached for an hour would outlive the fix. The <c>Successful</c> read is compiled once per type.
    /// </summary>
    internal static class FailedResponseShape
    {
        private static readonly ConcurrentDictionary<Type, Func<object, bool>?> Readers = new ConcurrentDictionary<Type, Func<object, bool>?>();

        public static bool IsFailure(object? result)
            => result != null && Readers.GetOrAdd(result.GetType(), Build) is Func<object, bool> failed && failed(result);

        private static Func<object, bool>? Build(Type type)
        {
            PropertyInfo? successful = type.GetProperty("Successful", BindingFlags.Public | BindingFlags.Instance);
            if (successful?.PropertyType != typeof(bool) || successful.GetIndexParameters().Length > 0)
            {
                return null;
            }

            ParameterExpression result = Expression.Parameter(typeof(object), "result");
            Expression failed = Expression.Not(Expression.Property(Expression.Convert(result, type), successful));
            return Expression.Lambda<Func<object, bool>>(failed, result).Compile();
        }
    }
}
