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
        var response = await _client.GetResponseAsync("Summarize in one line: " + ticket, new ChatOptions { MaxOutputTokens = 60 }, cancellationToken);
        return response.Text;
    }

    public string SummarizeBlocking(string ticket) =>
        _client.GetResponseAsync("Summarize in one line: " + ticket, new ChatOptions { MaxOutputTokens = 60 }).Result.Text; // expect: LLM0001, LLM0005

    public async Task<int> CountUpdatesAsync(string ticket, CancellationToken cancellationToken)
    {
        var updates = 0;
        await foreach (var update in _client.GetStreamingResponseAsync("Summarize: " + ticket, new ChatOptions { MaxOutputTokens = 60 }, cancellationToken))
        {
            updates++;
        }

        await foreach (var update in _client.GetStreamingResponseAsync("Again: " + ticket)) // expect: LLM0001
        {
            updates++;
        }

        return updates;
    }
}
