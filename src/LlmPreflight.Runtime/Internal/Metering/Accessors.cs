using System;
using System.Linq;
using System.Linq.Expressions;
using System.Reflection;

namespace LlmPreflight.Internal.Metering
{
    /// <summary>Compiles member reads on SDK types the runtime does not reference; each is built once per type.</summary>
    internal static class Accessors
    {
        /// <summary>The public instance property <paramref name="name"/> (the most derived one when a subtype hides it).</summary>
        public static PropertyInfo? FindProperty(Type type, string name)
        {
            for (Type? current = type; current != null; current = current.BaseType)
            {
                PropertyInfo? property = current
                    .GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
                    .FirstOrDefault(p => p.Name == name && p.GetIndexParameters().Length == 0 && p.GetMethod != null);
                if (property != null)
                {
                    return property;
                }
            }

            return null;
        }

        /// <summary>Compiles <c>o =&gt; (object)((T)o).Name</c>.</summary>
        public static Func<object, object?>? Property(Type type, string name)
        {
            PropertyInfo? property = FindProperty(type, name);
            if (property is null)
            {
                return null;
            }

            ParameterExpression value = Expression.Parameter(typeof(object), "value");
            Expression read = Expression.Property(Expression.Convert(value, property.DeclaringType!), property);
            return Expression.Lambda<Func<object, object?>>(Expression.Convert(read, typeof(object)), value).Compile();
        }

        /// <summary>Compiles a read of an <c>int</c>, <c>long</c> or nullable one as <c>long?</c>.</summary>
        public static Func<object, long?>? Number(Type type, string name)
        {
            PropertyInfo? property = FindProperty(type, name);
            Type? underlying = property is null ? null : Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            if (property is null || (underlying != typeof(int) && underlying != typeof(long)))
            {
                return null;
            }

            ParameterExpression value = Expression.Parameter(typeof(object), "value");
            Expression read = Expression.Property(Expression.Convert(value, property.DeclaringType!), property);
            Expression body = Expression.Convert(read, typeof(long?));
            return Expression.Lambda<Func<object, long?>>(body, value).Compile();
        }

        /// <summary>Compiles <c>o =&gt; ((T)o).Method(out var v) ? (object)v : null</c> for union types' <c>TryPick...</c> methods.</summary>
        public static Func<object, object?>? TryPick(Type type, string methodName)
        {
            MethodInfo? method = type.GetMethods(BindingFlags.Public | BindingFlags.Instance)
                .FirstOrDefault(m => m.Name == methodName && m.ReturnType == typeof(bool) && m.GetParameters().Length == 1 && m.GetParameters()[0].IsOut);
            if (method is null)
            {
                return null;
            }

            Type picked = method.GetParameters()[0].ParameterType.GetElementType()!;
            ParameterExpression value = Expression.Parameter(typeof(object), "value");
            ParameterExpression result = Expression.Variable(picked, "picked");
            Expression body = Expression.Block(
                new[] { result },
                Expression.Condition(
                    Expression.Call(Expression.Convert(value, type), method, result),
                    Expression.Convert(result, typeof(object)),
                    Expression.Constant(null, typeof(object))));
            return Expression.Lambda<Func<object, object?>>(body, value).Compile();
        }

        /// <summary>Compiles <c>o =&gt; ((T)o).Method()</c> for a parameterless method returning a string (Anthropic's <c>ApiEnum.Raw()</c>).</summary>
        public static Func<object, string?>? StringMethod(Type type, string methodName)
        {
            MethodInfo? method = type.GetMethod(methodName, BindingFlags.Public | BindingFlags.Instance, null, Type.EmptyTypes, null);
            if (method is null || method.ReturnType != typeof(string))
            {
                return null;
            }

            ParameterExpression value = Expression.Parameter(typeof(object), "value");
            return Expression.Lambda<Func<object, string?>>(Expression.Call(Expression.Convert(value, type), method), value).Compile();
        }

        /// <summary>Whether <paramref name="type"/> or a base type has the full name (generic definitions as <c>Name`1</c>).</summary>
        public static Type? FindBase(Type type, string fullName)
        {
            for (Type? current = type; current != null; current = current.BaseType)
            {
                string? name = current.IsGenericType ? current.GetGenericTypeDefinition().FullName : current.FullName;
                if (name == fullName)
                {
                    return current;
                }
            }

            return null;
        }
    }
}
