using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text.RegularExpressions;

namespace LlmPreflight
{
    /// <summary>
    /// Per-model prices. <see cref="LlmGuardOptions.Prices"/> starts as a copy of the built-in table (an
    /// embedded TSV resource with an as-of date and a source note); <see cref="Set"/> overrides or extends it.
    /// A model that is not in the table has an unknown cost: it is recorded as unpriced, never guessed.
    /// </summary>
    public sealed class LlmPriceTable
    {
        private const string ResourceName = "LlmPreflight.Cost.prices.tsv";

        // A trailing snapshot date: gpt-4o-mini-2024-07-18, claude-sonnet-4-20250514.
        private static readonly Regex DateSuffix = new Regex(@"-(\d{4}-\d{2}-\d{2}|\d{8})$", RegexOptions.CultureInvariant);

        private static readonly Lazy<LlmPriceTable> BuiltIn = new Lazy<LlmPriceTable>(Load);

        private const int MaxResolvedNames = 1024;

        private readonly Dictionary<string, LlmPrice> _prices;

        // Model names seen in responses, resolved to a price (or to none) once; bounded, as names come from outside.
        private readonly ConcurrentDictionary<string, LlmPrice?> _undated = new ConcurrentDictionary<string, LlmPrice?>(StringComparer.OrdinalIgnoreCase);

        private LlmPriceTable(Dictionary<string, LlmPrice> prices, DateTime? asOf, string? source)
        {
            _prices = prices;
            AsOf = asOf;
            Source = source;
        }

        /// <summary>The date the built-in prices were taken (<c>null</c> for a table built from nothing).</summary>
        public DateTime? AsOf { get; }

        /// <summary>Where the built-in prices come from and what they leave out.</summary>
        public string? Source { get; }

        /// <summary>The models with a price, as written in the table.</summary>
        public IEnumerable<string> Models => _prices.Keys;

        /// <summary>A fresh copy of the built-in table.</summary>
        /// <returns>A table you may change without affecting other copies.</returns>
        public static LlmPriceTable CreateDefault()
        {
            LlmPriceTable builtIn = BuiltIn.Value;
            return new LlmPriceTable(new Dictionary<string, LlmPrice>(builtIn._prices, StringComparer.OrdinalIgnoreCase), builtIn.AsOf, builtIn.Source);
        }

        /// <summary>An empty table: every model's cost is unknown until <see cref="Set"/> prices it.</summary>
        /// <returns>An empty table.</returns>
        public static LlmPriceTable CreateEmpty() => new LlmPriceTable(new Dictionary<string, LlmPrice>(StringComparer.OrdinalIgnoreCase), null, null);

        /// <summary>Sets (adds or replaces) a model's prices, in US dollars per million tokens.</summary>
        /// <param name="model">The model name as the response reports it (a dated snapshot falls back to the undated name).</param>
        /// <param name="input">Per million input tokens.</param>
        /// <param name="cachedInput">Per million cached input tokens; <c>null</c> bills them as input.</param>
        /// <param name="output">Per million output tokens.</param>
        /// <returns>This table, for chaining.</returns>
        public LlmPriceTable Set(string model, decimal input, decimal? cachedInput, decimal output)
        {
            if (string.IsNullOrWhiteSpace(model))
            {
                throw new ArgumentException("The model name is empty.", nameof(model));
            }

            _prices[model.Trim()] = new LlmPrice(input, cachedInput, output);
            _undated.Clear();
            return this;
        }

        /// <summary>Removes a model, so its cost becomes unknown.</summary>
        /// <param name="model">The model name.</param>
        /// <returns>Whether it was in the table.</returns>
        public bool Remove(string model)
        {
            _undated.Clear();
            return _prices.Remove(model);
        }

        /// <summary>Finds a model's price: the exact name first, then the name without a trailing snapshot date.</summary>
        /// <param name="model">The model name.</param>
        /// <param name="price">The price when found.</param>
        /// <returns>Whether the model has a price.</returns>
        public bool TryGet(string? model, out LlmPrice price)
        {
            price = null!;
            if (string.IsNullOrEmpty(model))
            {
                return false;
            }

            if (_prices.TryGetValue(model!, out price!))
            {
                return true;
            }

            // Responses name dated snapshots ("gpt-4o-mini-2024-07-18"); each name is resolved once, not per call.
            if (_undated.TryGetValue(model!, out LlmPrice? resolved))
            {
                price = resolved!;
                return resolved != null;
            }

            string undated = DateSuffix.Replace(model!, string.Empty);
            resolved = undated.Length != model!.Length && _prices.TryGetValue(undated, out LlmPrice? found) ? found : null;
            if (_undated.Count < MaxResolvedNames)
            {
                _undated[model!] = resolved;
            }

            price = resolved!;
            return resolved != null;
        }

        /// <summary>A copy, so a configuration applied by <see cref="LlmGuard.Configure"/> is not changed by later edits.</summary>
        internal LlmPriceTable Copy() => new LlmPriceTable(new Dictionary<string, LlmPrice>(_prices, StringComparer.OrdinalIgnoreCase), AsOf, Source);

        private static LlmPriceTable Load()
        {
            using Stream stream = typeof(LlmPriceTable).Assembly.GetManifestResourceStream(ResourceName)
                ?? throw new InvalidOperationException($"The embedded price table {ResourceName} is missing from the assembly.");
            using var reader = new StreamReader(stream);
            var prices = new Dictionary<string, LlmPrice>(StringComparer.OrdinalIgnoreCase);
            DateTime? asOf = null;
            string? source = null;
            int lineNumber = 0;
            for (string? line = reader.ReadLine(); line != null; line = reader.ReadLine())
            {
                lineNumber++;
                if (line.StartsWith("# asOf:", StringComparison.Ordinal))
                {
                    asOf = DateTime.ParseExact(line.Substring(7).Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
                    continue;
                }

                if (line.StartsWith("# source:", StringComparison.Ordinal))
                {
                    source = line.Substring(9).Trim();
                    continue;
                }

                if (line.Length == 0 || line[0] == '#')
                {
                    continue;
                }

                string[] cells = line.Split('\t');
                if (cells.Length != 4)
                {
                    throw new InvalidOperationException($"{ResourceName} line {lineNumber}: expected 4 tab-separated cells, found {cells.Length}.");
                }

                decimal? cached = cells[2] == "-" ? (decimal?)null : Number(cells[2]);
                prices[cells[0]] = new LlmPrice(Number(cells[1]), cached, Number(cells[3]));
            }

            return new LlmPriceTable(prices, asOf, source);
        }

        private static decimal Number(string text) => decimal.Parse(text, NumberStyles.Number, CultureInfo.InvariantCulture);
    }
}
