using System;
using System.ClientModel;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using OpenAI.Chat;

namespace ChatSample;

public sealed class SupportDesk
{
    private readonly ChatClient _chat;

    public SupportDesk(ChatClient chat) => _chat = chat;

    /// <summary>Tokens spent so far, for the cost dashboard.</summary>
    public long TokensUsed { get; private set; }

    /// <summary>A second desk for the night shift, wired up in a hurry.</summary>
    public static SupportDesk ForNightShift() =>
        new(new ChatClient("gpt-4o-mini", new ApiKeyCredential("night-shift-key-do-not-commit"))); // expect: LLM0002, LLM0012

    public async Task<string> AnswerAsync(string question, CancellationToken cancellationToken)
    {
        var messages = new List<ChatMessage>
        {
            new SystemChatMessage("You answer support questions in two sentences."),
            new UserChatMessage(question),
        };
        var options = new ChatCompletionOptions { MaxOutputTokenCount = 200 };

        try
        {
            ChatCompletion answer = await _chat.CompleteChatAsync(messages, options, cancellationToken);
            TokensUsed += answer.Usage.TotalTokenCount;
            return answer.Content[0].Text;
        }
        catch (ClientResultException)
        {
            // Rate limited, overloaded or filtered: degrade to a canned answer instead of failing the page.
            return "Sorry, the assistant is busy. A human will get back to you.";
        }
    }

    // No token, no catch (a 429 or a 500 reaches the user as an exception), and the usage is dropped.
    public async Task<string> AnswerQuicklyAsync(string question)
    {
        ChatCompletion answer = await _chat.CompleteChatAsync(new UserChatMessage(question)); // expect: LLM0001, LLM0004, LLM0009
        return answer.Content[0].Text;
    }

    public async Task<string> TranslateAsync(string text, CancellationToken cancellationToken)
    {
        await Task.Yield();
        ChatCompletion translated = _chat.CompleteChat( // expect: LLM0005, LLM0004, LLM0009
            new List<ChatMessage> { new UserChatMessage("Translate to Spanish: " + text) },
            new ChatCompletionOptions { MaxOutputTokenCount = 400 },
            cancellationToken);
        return translated.Content[0].Text;
    }

    /// <summary>A retry loop written by hand: it retries at once, straight back into the overload that failed the call.</summary>
    public async Task<string> AnswerPatientlyAsync(string question, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 3; attempt++)
        {
            try
            {
                ChatCompletion answer = await _chat.CompleteChatAsync( // expect: LLM0003
                    new List<ChatMessage> { new UserChatMessage(question) },
                    new ChatCompletionOptions { MaxOutputTokenCount = 200 },
                    cancellationToken);
                return answer.Content[0].Text + $" ({answer.Usage.TotalTokenCount} tokens)";
            }
            catch (ClientResultException)
            {
            }
        }

        return "Sorry, try again later.";
    }

    /// <summary>Synchronous on purpose: called from a legacy sync API; blocking is its contract.</summary>
    public string ClassifySync(string text, CancellationToken cancellationToken)
    {
        try
        {
            ChatCompletion label = _chat.CompleteChat(
                new List<ChatMessage> { new UserChatMessage("One word for the topic of: " + text) },
                new ChatCompletionOptions { MaxOutputTokenCount = 5 },
                cancellationToken);
            TokensUsed += label.Usage.TotalTokenCount;
            return label.Content[0].Text;
        }
        catch (ClientResultException)
        {
            return "unknown";
        }
    }
}
