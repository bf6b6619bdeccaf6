using System;
using System.Collections.Concurrent;
using System.Linq.Expressions;
using System.Net;
using System.Reflection;

namespace LlmPreflight.Internal
{
    /// <summary>
    /// Recognises the SDKs' failure types by full type name and reads their status and headers through
    /// delegates compiled once per exception type.
    /// </summary>
    /// <remarks>
    /// Referencing System.ClientModel, Azure.Core, Anthropic and Semantic Kernel would force every user
    /// to restore every SDK. Matching the type name (walking base types, so SDK subclasses count) keeps
    /// the runtime free of those references; compiling the member access into a delegate once per type
    /// keeps each classification as cheap as a typed property read. When a future SDK version renames a
    /// member, the accessor is simply absent and the failure is classified from what remains.
    /// </remarks>
    internal static class ExceptionShapes
    {
        private static readonly ConcurrentDictionary<Type, ExceptionShape> Cache = new ConcurrentDictionary<Type, ExceptionShape>();

        private static readonly Func<Type, ExceptionShape> Build = BuildShape;

        public static ExceptionShape For(Type exceptionType) => Cache.GetOrAdd(exceptionType, Build);

        private static ExceptionShape BuildShape(Type type)
        {
            for (Type? current = type; current != null && current != typeof(Exception); current = current.BaseType)
            {
                switch (current.FullName)
                {
                    // OpenAI 2.x, Azure.AI.OpenAI 2.x (and Microsoft.Extensions.AI over them).
                    case "System.ClientModel.ClientResultException":
                    // Azure.AI.OpenAI 1.0.0-beta and Azure.AI.Inference (Azure.Core).
                    case "Azure.RequestFailedException":
                        return new ExceptionShape(StatusReader(current, "Status"), HeaderReader(current), isSdkWrapper: true, isTransport: false);

                    // Anthropic 13.x: no headers on the exception, only the status and the request id, under
                    // which LlmRetryAfterHandler (when the client's HttpClient uses it) keeps the wait headers.
                    case "Anthropic.Exceptions.AnthropicApiException":
                        return new ExceptionShape(StatusReader(current, "StatusCode"), HeaderByRequestId(current, "RequestID"), isSdkWrapper: true, isTransport: false);

                    // Semantic Kernel connectors.
                    case "Microsoft.SemanticKernel.HttpOperationException":
                    // Read by name too so the netstandard2.0 build sees the status on runtimes that have it.
                    case "System.Net.Http.HttpRequestException":
                        return new ExceptionShape(StatusReader(current, "StatusCode"), null, isSdkWrapper: true, isTransport: false);

                    case "Anthropic.Exceptions.AnthropicIOException":
                        return new ExceptionShape(null, null, isSdkWrapper: true, isTransport: true);
                }
            }

            return ExceptionShape.Plain;
        }

        /// <summary>Reads a wait header remembered by <see cref="LlmRetryAfterHandler"/> under the exception's request id.</summary>
        private static Func<Exception, string, string?>? HeaderByRequestId(Type declaringType, string propertyName)
        {
            PropertyInfo? property = declaringType.GetProperty(propertyName, BindingFlags.Public | BindingFlags.Instance);
            if (property is null || property.PropertyType != typeof(string) || property.GetIndexParameters().Length != 0)
            {
                return null;
            }

            ParameterExpression exception = Expression.Parameter(typeof(Exception), "exception");
            Func<Exception, string?> requestId = Expression.Lambda<Func<Exception, string?>>(
                Expression.Property(Expression.Convert(exception, declaringType), property), exception).Compile();
            return (failure, name) => RetryAfterByRequest.Header(requestId(failure), name);
        }

        /// <summary>Compiles <c>e =&gt; (int)((T)e).Member</c>, mapping a null status to -1.</summary>
        private static Func<Exception, int>? StatusReader(Type declaringType, string propertyName)
        {
            PropertyInfo? property = declaringType.GetProperty(propertyName, BindingFlags.Public | BindingFlags.Instance);
            if (property is null || property.GetIndexParameters().Length != 0)
            {
                return null;
            }

            Type valueType = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            if (valueType != typeof(int) && valueType != typeof(HttpStatusCode))
            {
                return null;
            }

            ParameterExpression exception = Expression.Parameter(typeof(Exception), "exception");
            Expression read = Expression.Property(Expression.Convert(exception, declaringType), property);
            Expression body;
            if (property.PropertyType == valueType)
            {
                body = Expression.Convert(read, typeof(int));
            }
            else
            {
                ParameterExpression value = Expression.Variable(property.PropertyType, "value");
                body = Expression.Block(
                    new[] { value },
                    Expression.Assign(value, read),
                    Expression.Condition(
                        Expression.Property(value, "HasValue"),
                        Expression.Convert(Expression.Property(value, "Value"), typeof(int)),
                        Expression.Constant(-1)));
            }

            return Expression.Lambda<Func<Exception, int>>(body, exception).Compile();
        }

        /// <summary>
        /// Compiles <c>(e, name) =&gt; ((T)e).GetRawResponse()?.Headers.TryGetValue(name, out v) ? v : null</c>,
        /// the shape System.ClientModel's <c>PipelineResponse</c> and Azure.Core's <c>Response</c> share.
        /// </summary>
        private static Func<Exception, string, string?>? HeaderReader(Type declaringType)
        {
            MethodInfo? getResponse = declaringType.GetMethod("GetRawResponse", BindingFlags.Public | BindingFlags.Instance, null, Type.EmptyTypes, null);
            PropertyInfo? headersProperty = getResponse?.ReturnType.GetProperty("Headers", BindingFlags.Public | BindingFlags.Instance);
            MethodInfo? tryGetValue = headersProperty?.PropertyType.GetMethod(
                "TryGetValue",
                BindingFlags.Public | BindingFlags.Instance,
                null,
                new[] { typeof(string), typeof(string).MakeByRefType() },
                null);
            if (getResponse is null || headersProperty is null || tryGetValue is null || getResponse.ReturnType.IsValueType)
            {
                return null;
            }

            ParameterExpression exception = Expression.Parameter(typeof(Exception), "exception");
            ParameterExpression name = Expression.Parameter(typeof(string), "name");
            ParameterExpression response = Expression.Variable(getResponse.ReturnType, "response");
            ParameterExpression headers = Expression.Variable(headersProperty.PropertyType, "headers");
            ParameterExpression value = Expression.Variable(typeof(string), "value");
            Expression nullString = Expression.Constant(null, typeof(string));

            Expression body = Expression.Block(
                new[] { response, headers, value },
                Expression.Assign(response, Expression.Call(Expression.Convert(exception, declaringType), getResponse)),
                Expression.Condition(
                    Expression.Equal(response, Expression.Constant(null, getResponse.ReturnType)),
                    nullString,
                    Expression.Block(
                        Expression.Assign(headers, Expression.Property(response, headersProperty)),
                        Expression.Condition(Expression.Call(headers, tryGetValue, name, value), value, nullString))));

            return Expression.Lambda<Func<Exception, string, string?>>(body, exception, name).Compile();
        }
    }
}
