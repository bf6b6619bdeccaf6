using LlmPreflight.Analyzers.Rules;
using LlmPreflight.Analyzers.Tests.Verifiers;
using LlmPreflight.CodeFixes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace LlmPreflight.Analyzers.Tests.Rules;

public class LLM0012FixTests
{
    private static Task Verify(string source, string fixedSource, TestOptions? options = null) =>
        Verify<LLM0012_HardCodedCredential, LLM0012_ReadCredentialFromEnvironmentFix>.CodeFixAsync(source, fixedSource, options);

    [Fact]
    public Task Replaces_a_literal_argument_and_adds_using_system() => Verify("""
        using System.ClientModel;

        class C
        {
            ApiKeyCredential M() => new ApiKeyCredential(/* key */ {|LLM0012:"my-team-openai-key"|});
        }
        """, """
        using System;
        using System.ClientModel;

        class C
        {
            ApiKeyCredential M() => new ApiKeyCredential(/* key */ Environment.GetEnvironmentVariable("OPENAI_API_KEY") ?? throw new InvalidOperationException("Set the OPENAI_API_KEY environment variable to your OpenAI API key."));
        }
        """);

    [Fact]
    public Task Replaces_a_const_field_reference_at_the_sink() => Verify("""
        using System;
        using System.ClientModel;

        static class Secrets
        {
            public const string OpenAIKey = "team-key-value";
        }

        class C
        {
            ApiKeyCredential M() => new ApiKeyCredential({|LLM0012:Secrets.OpenAIKey|});
        }
        """, """
        using System;
        using System.ClientModel;

        static class Secrets
        {
            public const string OpenAIKey = "team-key-value";
        }

        class C
        {
            ApiKeyCredential M() => new ApiKeyCredential(Environment.GetEnvironmentVariable("OPENAI_API_KEY") ?? throw new InvalidOperationException("Set the OPENAI_API_KEY environment variable to your OpenAI API key."));
        }
        """);

    [Fact]
    public Task Keeps_a_file_header_above_the_added_using() => Verify("""
        // Copyright (c) Contoso.
        using OpenAI;

        class C
        {
            OpenAIClient M() => new OpenAIClient({|LLM0012:"not-a-real-key"|});
        }
        """, """
        // Copyright (c) Contoso.
        using System;
        using OpenAI;

        class C
        {
            OpenAIClient M() => new OpenAIClient(Environment.GetEnvironmentVariable("OPENAI_API_KEY") ?? throw new InvalidOperationException("Set the OPENAI_API_KEY environment variable to your OpenAI API key."));
        }
        """);

    [Fact]
    public Task Replaces_only_the_fallback_literal() => Verify("""
        using System;
        using Anthropic;

        class C
        {
            AnthropicClient M() => new AnthropicClient { ApiKey = Environment.GetEnvironmentVariable("ANTHROPIC_API_KEY") ?? {|LLM0012:"fallback"|} };
        }
        """, """
        using System;
        using Anthropic;

        class C
        {
            AnthropicClient M() => new AnthropicClient { ApiKey = Environment.GetEnvironmentVariable("ANTHROPIC_API_KEY") ?? Environment.GetEnvironmentVariable("ANTHROPIC_API_KEY") ?? throw new InvalidOperationException("Set the ANTHROPIC_API_KEY environment variable to your Anthropic API key.") };
        }
        """);

    [Fact]
    public Task Uses_the_azure_variable_for_a_credential_given_to_azure_openai() => Verify("""
        using System;
        using System.ClientModel;
        using Azure.AI.OpenAI;

        class C
        {
            AzureOpenAIClient M() => new AzureOpenAIClient(new Uri("https://contoso.openai.azure.com"), new ApiKeyCredential({|LLM0012:"0123456789abcdef"|}));
        }
        """, """
        using System;
        using System.ClientModel;
        using Azure.AI.OpenAI;

        class C
        {
            AzureOpenAIClient M() => new AzureOpenAIClient(new Uri("https://contoso.openai.azure.com"), new ApiKeyCredential(Environment.GetEnvironmentVariable("AZURE_OPENAI_API_KEY") ?? throw new InvalidOperationException("Set the AZURE_OPENAI_API_KEY environment variable to your Azure OpenAI API key.")));
        }
        """);

    [Fact]
    public Task Turns_a_const_local_into_a_plain_local() => Verify("""
        using System;
        using OpenAI.Chat;

        class C
        {
            ChatClient M()
            {
                // the key
                const string key = {|LLM0012:"not-a-real-key"|};
                return new ChatClient("gpt-4o", key);
            }
        }
        """, """
        using System;
        using OpenAI.Chat;

        class C
        {
            ChatClient M()
            {
                // the key
                string key = Environment.GetEnvironmentVariable("OPENAI_API_KEY") ?? throw new InvalidOperationException("Set the OPENAI_API_KEY environment variable to your OpenAI API key.");
                return new ChatClient("gpt-4o", key);
            }
        }
        """);

    [Fact]
    public Task Replaces_the_initializer_of_a_local_used_as_the_key_and_qualifies_without_usings() => Verify("""
        class C
        {
            OpenAI.Chat.ChatClient M()
            {
                var key = {|LLM0012:"not-a-real-key"|};
                var model = "gpt-4o";
                return new OpenAI.Chat.ChatClient(model, key);
            }
        }
        """, """
        class C
        {
            OpenAI.Chat.ChatClient M()
            {
                var key = System.Environment.GetEnvironmentVariable("OPENAI_API_KEY") ?? throw new System.InvalidOperationException("Set the OPENAI_API_KEY environment variable to your OpenAI API key.");
                var model = "gpt-4o";
                return new OpenAI.Chat.ChatClient(model, key);
            }
        }
        """);

    [Fact]
    public Task Parenthesizes_inside_a_concatenation() => Verify($$"""
        using System;

        class C
        {
            string Header() => "Bearer " + {|LLM0012:"{{FakeKeys.OpenAIProject}}"|};
        }
        """, """
        using System;

        class C
        {
            string Header() => "Bearer " + (Environment.GetEnvironmentVariable("OPENAI_API_KEY") ?? throw new InvalidOperationException("Set the OPENAI_API_KEY environment variable to your OpenAI API key."));
        }
        """, new TestOptions { Sdks = SdkSet.None });

    [Fact]
    public Task Turns_a_const_field_holding_a_key_into_static_readonly() => Verify($$"""
        using System;

        class C
        {
            private const string Key = {|LLM0012:"{{FakeKeys.Anthropic}}"|};

            string Header() => "x-api-key: " + Key;
        }
        """, """
        using System;

        class C
        {
            private static readonly string Key = Environment.GetEnvironmentVariable("ANTHROPIC_API_KEY") ?? throw new InvalidOperationException("Set the ANTHROPIC_API_KEY environment variable to your Anthropic API key.");

            string Header() => "x-api-key: " + Key;
        }
        """, new TestOptions { Sdks = SdkSet.None });

    [Fact]
    public Task Fix_all_replaces_every_key_in_the_document() => Verify($$"""
        using System;
        using System.ClientModel;
        using OpenAI.Chat;
        using Microsoft.SemanticKernel;

        class C
        {
            void M(bool production)
            {
                var a = new ApiKeyCredential({|LLM0012:"{{FakeKeys.OpenAIProject}}"|});
                var b = new ChatClient("gpt-4o", production ? {|LLM0012:"production-key"|} : {|LLM0012:"test-key"|});
                Kernel.CreateBuilder().AddAzureOpenAIChatCompletion("chat", "https://contoso.openai.azure.com", {|LLM0012:"0123456789abcdef"|});
                var hf = {|LLM0012:"{{FakeKeys.HuggingFace}}"|};
            }
        }
        """, """
        using System;
        using System.ClientModel;
        using OpenAI.Chat;
        using Microsoft.SemanticKernel;

        class C
        {
            void M(bool production)
            {
                var a = new ApiKeyCredential(Environment.GetEnvironmentVariable("OPENAI_API_KEY") ?? throw new InvalidOperationException("Set the OPENAI_API_KEY environment variable to your OpenAI API key."));
                var b = new ChatClient("gpt-4o", production ? Environment.GetEnvironmentVariable("OPENAI_API_KEY") ?? throw new InvalidOperationException("Set the OPENAI_API_KEY environment variable to your OpenAI API key.") : Environment.GetEnvironmentVariable("OPENAI_API_KEY") ?? throw new InvalidOperationException("Set the OPENAI_API_KEY environment variable to your OpenAI API key."));
                Kernel.CreateBuilder().AddAzureOpenAIChatCompletion("chat", "https://contoso.openai.azure.com", Environment.GetEnvironmentVariable("AZURE_OPENAI_API_KEY") ?? throw new InvalidOperationException("Set the AZURE_OPENAI_API_KEY environment variable to your Azure OpenAI API key."));
                var hf = Environment.GetEnvironmentVariable("HF_TOKEN") ?? throw new InvalidOperationException("Set the HF_TOKEN environment variable to your Hugging Face access token.");
            }
        }
        """);

    [Fact]
    public Task Fixes_in_csharp_7_3() => Verify("""
        using OpenAI;

        class C
        {
            OpenAIClient M()
            {
                return new OpenAIClient({|LLM0012:"not-a-real-key"|});
            }
        }
        """, """
        using System;
        using OpenAI;

        class C
        {
            OpenAIClient M()
            {
                return new OpenAIClient(Environment.GetEnvironmentVariable("OPENAI_API_KEY") ?? throw new InvalidOperationException("Set the OPENAI_API_KEY environment variable to your OpenAI API key."));
            }
        }
        """, new TestOptions { LanguageVersion = LanguageVersion.CSharp7_3 });

    [Fact]
    public Task Fixes_in_top_level_statements() => Verify("""
        using OpenAI.Chat;

        var chat = new ChatClient("gpt-4o", {|LLM0012:"not-a-real-key"|});
        """, """
        using System;
        using OpenAI.Chat;

        var chat = new ChatClient("gpt-4o", Environment.GetEnvironmentVariable("OPENAI_API_KEY") ?? throw new InvalidOperationException("Set the OPENAI_API_KEY environment variable to your OpenAI API key."));
        """, new TestOptions { OutputKind = OutputKind.ConsoleApplication });

    // ---- where no fix is offered: the fixed code is the source, unchanged ----

    private const string AttributeSource = $$"""
        using System;

        [AttributeUsage(AttributeTargets.Class)]
        sealed class KeyAttribute : Attribute
        {
            public KeyAttribute(string value) { }
        }

        [Key({|LLM0012:"{{FakeKeys.Google}}"|})]
        class C
        {
        }
        """;

    [Fact]
    public Task No_fix_for_an_attribute_argument() => Verify(AttributeSource, AttributeSource, new TestOptions { Sdks = SdkSet.None });

    private const string ConstantContextSource = $$"""
        using System;

        class C
        {
            const string Key = {|LLM0012:"{{FakeKeys.OpenAILegacy}}"|};

            void M(string value = {|LLM0012:"{{FakeKeys.OpenAILegacy}}"|})
            {
                switch (value)
                {
                    case Key:
                        break;
                    case {|LLM0012:"{{FakeKeys.Google}}"|}:
                        break;
                }

                var bytes = {|LLM0012:"{{FakeKeys.Google}}"u8|}.ToArray();
                var header = {|LLM0012:"Bearer {{FakeKeys.Google}}"|};
            }
        }
        """;

    [Fact]
    public Task No_fix_for_defaults_case_labels_used_consts_utf8_or_partial_strings() =>
        Verify(ConstantContextSource, ConstantContextSource, new TestOptions { Sdks = SdkSet.None });
}
