using System;
using System.ClientModel;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;

namespace ChatSample;

public sealed class TicketSummarizer
{
    private readonly IChatClient _client;

    public TicketSummarizer(IChatClient client) => _client = client;

    public async Task<string> SummarizeAsync(string ticket, CancellationToken cancellationToken)
    {
        try
        {
            var response = await _client.GetResponseAsync("Summarize in one line: " + ticket, new ChatOptions { MaxOutputTokens = 60 }, cancellationToken);
            return response.Text;
        }
        catch (ClientResultException)
        {
            return ticket.Length <= 80 ? ticket : ticket.Substring(0, 80);
        }
    }

    // Every ticket of the backlog at once: 500 tickets are 500 concurrent requests, and the provider answers with 429s.
    public async Task<string[]> SummarizeBacklogAsync(IEnumerable<string> tickets, CancellationToken cancellationToken)
    {
        try
        {
            var responses = await Task.WhenAll(tickets.Select(ticket =>
                _client.GetResponseAsync("Summarize in one line: " + ticket, new ChatOptions { MaxOutputTokens = 60 }, cancellationToken))); // expect: LLM0006
            return responses.Select(r => r.Text).ToArray();
        }
        catch (ClientResultException)
        {
            return Array.Empty<string>();
        }
    }

    // One request per ticket, one after another, with no cache for repeated tickets and no rate limit.
    public async Task<List<string>> SummarizeEachAsync(IEnumerable<string> tickets, CancellationToken cancellationToken)
    {
        var summaries = new List<string>();
        try
        {
            foreach (var ticket in tickets)
            {
                var response = await _client.GetResponseAsync("Summarize in one line: " + ticket, new ChatOptions { MaxOutputTokens = 60 }, cancellationToken); // expect: LLM0007
                summaries.Add(response.Text);
            }
        }
        catch (ClientResultException)
        {
        }

        return summaries;
    }

    public string SummarizeBlocking(string ticket) =>
        _client.GetResponseAsync("Summarize in one line: " + ticket, new ChatOptions { MaxOutputTokens = 60 }).Result.Text; // expect: LLM0001, LLM0005, LLM0004

    public async Task<int> CountUpdatesAsync(string ticket, CancellationToken cancellationToken)
    {
        var updates = 0;
        try
        {
            await foreach (var update in _client.GetStreamingResponseAsync("Summarize: " + ticket, new ChatOptions { MaxOutputTokens = 60 }, cancellationToken))
            {
                updates++;
            }

            await foreach (var update in _client.GetStreamingResponseAsync("Again: " + ticket)) // expect: LLM0001
            {
                updates++;
            }
        }
        catch (ClientResultException)
        {
        }

        return updates;
    }
}
