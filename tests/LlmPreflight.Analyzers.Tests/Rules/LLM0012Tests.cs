using System.Collections.Immutable;
using LlmPreflight.Analyzers.Rules;
using LlmPreflight.Analyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace LlmPreflight.Analyzers.Tests.Rules;

/// <summary>Made-up strings with the shapes of real provider keys. None of them is, or ever was, a real key.</summary>
internal static class FakeKeys
{
    public const string OpenAIProject = "sk-proj-ErQHQwjyaxErPZDS3MoJaQNjCxkv5ndK0meGR0vRT3BlbkFJzZ1fb6d06QGofB8ChQBiIu4NJkS4dJkG0fzMAQME";
    public const string OpenAILegacy = "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";
    public const string Anthropic = "sk-ant-api03-boRBcynXMgWJoleSrcBrFwMOUdGDxnvsDES92Ep9kD7JxlmXVo6Ma8r6XZvlpYaGcpNhxIGjb7u4YQ1rOhoYHGEFOwqR8AA";
    public const string Google = "AIzaC5VkCsN3crv83GOSCTYnUsHqbRaSbiJ4rAi";
    public const string HuggingFace = "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";
}

public class LLM0012Tests
{
    private static Task Verify(string source, TestOptions? options = null) =>
        Verify<LLM0012_HardCodedCredential>.AnalyzerAsync(source, options);

    // ---- OpenAI 2.x and System.ClientModel ----

    [Fact]
    public Task Flags_ApiKeyCredential_literal() => Verify("""
        using System.ClientModel;

        class C
        {
            ApiKeyCredential M() => new ApiKeyCredential({|LLM0012:"my-team-openai-key"|});
        }
        """);

    [Fact]
    public Task Flags_openai_client_and_chat_client_string_keys() => Verify("""
        using OpenAI;
        using OpenAI.Chat;

        class C
        {
            void M()
            {
                var client = new OpenAIClient({|LLM0012:"not-a-real-key"|});
                var chat = new ChatClient("gpt-4o", {|LLM0012:"not-a-real-key"|});
            }
        }
        """);

    [Fact]
    public Task Flags_only_the_key_with_reordered_named_arguments() => Verify("""
        using OpenAI.Chat;

        class C
        {
            ChatClient M() => new ChatClient(apiKey: {|LLM0012:"not-a-real-key"|}, model: "gpt-4o");
        }
        """);

    [Fact]
    public Task Flags_credential_passed_to_azure_openai_client_and_azure_key_credential() => Verify("""
        using System;
        using System.ClientModel;
        using Azure;
        using Azure.AI.OpenAI;

        class C
        {
            void M()
            {
                var client = new AzureOpenAIClient(new Uri("https://contoso.openai.azure.com"), new ApiKeyCredential({|LLM0012:"0123456789abcdef0123456789abcdef"|}));
                var key = new AzureKeyCredential({|LLM0012:"0123456789abcdef0123456789abcdef"|});
            }
        }
        """);

    [Fact]
    public Task Flags_credential_update() => Verify("""
        using System.ClientModel;

        class C
        {
            void M(ApiKeyCredential credential) => credential.Update({|LLM0012:"rotated-key-value"|});
        }
        """);

    // ---- Semantic Kernel ----

    [Fact]
    public Task Flags_semantic_kernel_api_key_parameters() => Verify("""
        using Microsoft.SemanticKernel;
        using Microsoft.SemanticKernel.Connectors.OpenAI;

        class C
        {
            void M()
            {
                var builder = Kernel.CreateBuilder();
                builder.AddOpenAIChatCompletion(modelId: "gpt-4o", apiKey: {|LLM0012:"not-a-real-key"|});
                builder.AddAzureOpenAIChatCompletion("chat", "https://contoso.openai.azure.com", {|LLM0012:"0123456789abcdef0123456789abcdef"|});
                var service = new OpenAIChatCompletionService("gpt-4o", {|LLM0012:"not-a-real-key"|});
            }
        }
        """);

    // ---- Anthropic, Betalgo ----

    [Fact]
    public Task Flags_anthropic_api_key_initializer() => Verify("""
        using Anthropic;

        class C
        {
            AnthropicClient M() => new AnthropicClient { ApiKey = {|LLM0012:"not-a-real-key"|} };
        }
        """);

    [Fact]
    public Task Flags_betalgo_options_initializer_and_assignment() => Verify("""
        using Betalgo.Ranul.OpenAI;

        class C
        {
            void M()
            {
                var options = new OpenAIOptions { ApiKey = {|LLM0012:"not-a-real-key"|} };
                options.ApiKey = {|LLM0012:"another-key"|};
            }
        }
        """);

    // ---- legacy SDKs ----

    [Fact]
    public Task Flags_azure_openai_1x_and_openai_api_keys() => Verify("""
        using OpenAI_API;

        class C
        {
            void M()
            {
                var azure = new Azure.AI.OpenAI.OpenAIClient({|LLM0012:"not-a-real-key"|});
                var api = new OpenAIAPI({|LLM0012:"not-a-real-key"|});
                var auth = new APIAuthentication({|LLM0012:"not-a-real-key"|});
                APIAuthentication converted = {|LLM0012:"not-a-real-key"|};
            }
        }
        """, new TestOptions { Sdks = SdkSet.Legacy });

    // ---- forms of constant ----

    [Fact]
    public Task Flags_const_field_at_the_argument_and_const_local_at_the_literal() => Verify("""
        using System.ClientModel;

        static class Secrets
        {
            public const string OpenAIKey = "team-key-value";
        }

        class C
        {
            void M()
            {
                const string local = {|LLM0012:"local-key-value"|};
                var a = new ApiKeyCredential({|LLM0012:Secrets.OpenAIKey|});
                var b = new ApiKeyCredential(local);
            }
        }
        """);

    [Fact]
    public Task Flags_fallback_conditional_and_single_assignment_local() => Verify("""
        using System;
        using System.ClientModel;

        class C
        {
            void M(bool production)
            {
                var a = new ApiKeyCredential(Environment.GetEnvironmentVariable("OPENAI_API_KEY") ?? {|LLM0012:"fallback-key"|});
                var b = new ApiKeyCredential(production ? {|LLM0012:"production-key"|} : {|LLM0012:"test-key"|});
                var key = {|LLM0012:"local-key"|};
                var c = new ApiKeyCredential(key);
                var d = new ApiKeyCredential(key);
            }
        }
        """);

    [Fact]
    public Task Flags_interpolated_and_concatenated_constants() => Verify("""
        using System.ClientModel;

        class C
        {
            const string Prefix = "team-";

            void M()
            {
                var a = new ApiKeyCredential({|LLM0012:$"{Prefix}key-value"|});
                var b = new ApiKeyCredential({|LLM0012:Prefix + "other-key"|});
            }
        }
        """, new TestOptions { LanguageVersion = LanguageVersion.CSharp10 });

    [Fact]
    public Task Flags_in_top_level_statements() => Verify("""
        using OpenAI.Chat;

        var chat = new ChatClient("gpt-4o", {|LLM0012:"not-a-real-key"|});
        """, new TestOptions { OutputKind = OutputKind.ConsoleApplication });

    [Fact]
    public Task Flags_in_csharp_7_3() => Verify("""
        using OpenAI;

        class C
        {
            OpenAIClient M()
            {
                return new OpenAIClient({|LLM0012:"not-a-real-key"|});
            }
        }
        """, new TestOptions { LanguageVersion = LanguageVersion.CSharp7_3 });

    [Fact]
    public Task Flags_field_and_property_initializers_and_lambdas() => Verify("""
        using System;
        using System.ClientModel;
        using OpenAI;
        using Betalgo.Ranul.OpenAI;

        class C
        {
            private readonly ApiKeyCredential _credential = new ApiKeyCredential({|LLM0012:"field-key"|});

            public OpenAIClient Client { get; } = new OpenAIClient({|LLM0012:"property-key"|});

            public C() : this(new ApiKeyCredential({|LLM0012:"ctor-key"|}))
            {
            }

            public C(ApiKeyCredential credential)
            {
            }

            Action<OpenAIOptions> Configure() => options => options.ApiKey = {|LLM0012:"lambda-key"|};
        }
        """);

    [Fact]
    public async Task Credential_handed_to_azure_through_a_local_asks_for_the_azure_variable()
    {
        var diagnostic = Assert.Single(await DiagnosticsAsync(
            "class C { object M() { var credential = new System.ClientModel.ApiKeyCredential(\"plain-value\"); return new Azure.AI.OpenAI.AzureOpenAIClient(new System.Uri(\"https://x.openai.azure.com\"), credential); } }",
            SdkSet.Current));
        Assert.Equal("AZURE_OPENAI_API_KEY", diagnostic.Properties[LLM0012_HardCodedCredential.EnvironmentVariableProperty]);
        Assert.Equal("Azure OpenAI API key", diagnostic.Properties[LLM0012_HardCodedCredential.CredentialProperty]);
    }

    [Fact]
    public async Task Azure_1x_raw_key_constructor_asks_for_the_openai_variable()
    {
        var diagnostic = Assert.Single(await DiagnosticsAsync("class C { object M() => new Azure.AI.OpenAI.OpenAIClient(\"plain-value\"); }", SdkSet.Legacy));
        Assert.StartsWith("A hard-coded string literal is passed to 'OpenAIClient'", diagnostic.GetMessage());
        Assert.Equal("OPENAI_API_KEY", diagnostic.Properties[LLM0012_HardCodedCredential.EnvironmentVariableProperty]);
    }

    // ---- not flagged ----

    [Fact]
    public Task Does_not_flag_keys_from_environment_configuration_parameters_or_fields() => Verify("""
        using System;
        using System.ClientModel;
        using Microsoft.Extensions.Configuration;
        using OpenAI;
        using Anthropic;

        class C
        {
            static readonly string s_key = "read-only-but-not-constant";
            string _key;

            void M(IConfiguration configuration, string parameterKey, bool flag)
            {
                var a = new ApiKeyCredential(Environment.GetEnvironmentVariable("OPENAI_API_KEY")!);
                var b = new OpenAIClient(configuration["OpenAI:ApiKey"]);
                var c = new OpenAIClient(parameterKey);
                var d = new OpenAIClient(s_key);
                var e = new OpenAIClient(_key);
                var f = new AnthropicClient { ApiKey = configuration["Anthropic:ApiKey"] };
                var g = new AnthropicClient();
                var h = new ApiKeyCredential("");
                var i = new ApiKeyCredential("   ");
                var reassigned = "placeholder";
                if (flag) reassigned = parameterKey;
                var j = new ApiKeyCredential(reassigned);
                var k = new ApiKeyCredential(nameof(parameterKey));
            }
        }
        """);

    [Fact]
    public Task Does_not_flag_model_names_and_endpoints() => Verify("""
        using System;
        using OpenAI.Chat;
        using Microsoft.SemanticKernel;

        class C
        {
            void M(string key)
            {
                var chat = new ChatClient("gpt-4o", key);
                Kernel.CreateBuilder().AddAzureOpenAIChatCompletion("chat", "https://contoso.openai.azure.com", key);
            }
        }
        """);

    // ---- provider key formats ----

    [Fact]
    public Task Flags_key_formats_anywhere_in_an_sdk_project() => Verify($$""""
        class C
        {
            const string Header = {|LLM0012:"Bearer {{FakeKeys.OpenAIProject}}"|};
            string legacy = {|LLM0012:@"{{FakeKeys.OpenAILegacy}}"|};
            string anthropic = {|LLM0012:"""{{FakeKeys.Anthropic}}"""|};
            string google = {|LLM0012:$"key={{FakeKeys.Google}}&q={nameof(C)}"|};
            byte[] hf = {|LLM0012:"{{FakeKeys.HuggingFace}}"u8|}.ToArray();
        }
        """");

    [Fact]
    public Task Reports_a_key_at_a_sink_once() => Verify($$"""
        using System.ClientModel;
        using Anthropic;

        class C
        {
            void M()
            {
                var a = new ApiKeyCredential({|LLM0012:"{{FakeKeys.OpenAIProject}}"|});
                var key = {|LLM0012:"{{FakeKeys.Anthropic}}"|};
                var b = new AnthropicClient { ApiKey = key };
                var c = new AnthropicClient { ApiKey = key };
            }
        }
        """);

    [Fact]
    public Task Flags_key_formats_without_any_sdk() => Verify($$"""
        using System.Net.Http;

        class C
        {
            void M(HttpClient http)
            {
                http.DefaultRequestHeaders.Add("Authorization", {|LLM0012:"Bearer {{FakeKeys.OpenAIProject}}"|});
                http.DefaultRequestHeaders.Add("x-api-key", {|LLM0012:"{{FakeKeys.Anthropic}}"|});
                http.DefaultRequestHeaders.Add("x-goog-api-key", {|LLM0012:"{{FakeKeys.Google}}"|});
            }
        }
        """, new TestOptions { Sdks = SdkSet.None });

    [Fact]
    public Task Does_not_flag_ordinary_strings_without_any_sdk() => Verify("""
        class C
        {
            string[] M() => new[]
            {
                "sk-",
                "sk-proj-",
                "task-list-for-the-whole-team-this-week-and-next-week",
                "Set hf_transfer to speed up downloads from the hub when you can",
                "hf_abcdefghijklmnopqrstuvwxyzabcdefghij",
                "https://platform.openai.com/docs/api-reference/authentication",
                "https://console.anthropic.com/settings/keys sk-ant-api03-",
                "AIza is the prefix of Google API keys",
                "sk-proj-short-T3BlbkFJ-short",
            };
        }
        """, new TestOptions { Sdks = SdkSet.None });

    [Fact]
    public Task Does_not_flag_ordinary_strings_at_non_sink_parameters() => Verify("""
        using OpenAI.Chat;

        class C
        {
            ChatMessage M() => ChatMessage.CreateUserMessage("What is an API key and where do I put my sk- key?");
        }
        """);

    // ---- messages and properties ----

    [Theory]
    [InlineData("new System.ClientModel.ApiKeyCredential(\"plain-value\")", "A hard-coded string literal is passed to 'ApiKeyCredential'", "OPENAI_API_KEY")]
    [InlineData("new System.ClientModel.ApiKeyCredential(\"" + FakeKeys.OpenAIProject + "\")", "An OpenAI API key literal is passed to 'ApiKeyCredential'", "OPENAI_API_KEY")]
    [InlineData("new Azure.AI.OpenAI.AzureOpenAIClient(new System.Uri(\"https://x.openai.azure.com\"), new System.ClientModel.ApiKeyCredential(\"plain-value\"))", "A hard-coded string literal is passed to 'ApiKeyCredential'", "AZURE_OPENAI_API_KEY")]
    [InlineData("new Azure.AzureKeyCredential(\"plain-value\")", "A hard-coded string literal is passed to 'AzureKeyCredential'", "AZURE_OPENAI_API_KEY")]
    [InlineData("new Anthropic.AnthropicClient { ApiKey = \"" + FakeKeys.Anthropic + "\" }", "An Anthropic API key literal is assigned to 'AnthropicClient.ApiKey'", "ANTHROPIC_API_KEY")]
    [InlineData("Microsoft.SemanticKernel.Kernel.CreateBuilder().AddAzureOpenAIChatCompletion(\"chat\", \"https://x.openai.azure.com\", \"plain-value\")", "A hard-coded string literal is passed as 'apiKey' to 'AzureOpenAIKernelBuilderExtensions.AddAzureOpenAIChatCompletion'", "AZURE_OPENAI_API_KEY")]
    [InlineData("Microsoft.SemanticKernel.Kernel.CreateBuilder().AddOpenAIChatCompletion(\"gpt-4o\", \"plain-value\")", "A hard-coded string literal is passed as 'apiKey' to 'OpenAIKernelBuilderExtensions.AddOpenAIChatCompletion'", "OPENAI_API_KEY")]
    [InlineData("\"" + FakeKeys.Google + "\"", "This string looks like a Google API key", "GOOGLE_API_KEY")]
    [InlineData("\"" + FakeKeys.HuggingFace + "\"", "This string looks like a Hugging Face access token", "HF_TOKEN")]
    public async Task Message_and_environment_variable(string expression, string message, string variable)
    {
        var diagnostic = Assert.Single(await DiagnosticsAsync($"using Microsoft.SemanticKernel; class C {{ object M() => {expression}; }}", SdkSet.Current));
        Assert.Equal(message + ": read it from configuration, an environment variable or a secret store", diagnostic.GetMessage());
        Assert.Equal(variable, diagnostic.Properties[LLM0012_HardCodedCredential.EnvironmentVariableProperty]);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
    }

    [Fact]
    public async Task Const_field_message_names_the_constant()
    {
        var diagnostics = await DiagnosticsAsync(
            $"class C {{ const string Key = \"{FakeKeys.OpenAILegacy}\"; object M() => new OpenAI.OpenAIClient(Key); }}",
            SdkSet.Current);
        Assert.Equal(2, diagnostics.Length);
        Assert.Contains(diagnostics, d => d.GetMessage().StartsWith("The constant 'Key', an OpenAI API key, is passed to 'OpenAIClient'", StringComparison.Ordinal));
        Assert.Contains(diagnostics, d => d.GetMessage().StartsWith("This string looks like an OpenAI API key", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Key_scan_marks_partial_strings_as_not_replaceable()
    {
        var diagnostics = await DiagnosticsAsync(
            $"class C {{ string a = \"Bearer {FakeKeys.OpenAIProject}\"; string b = \"{FakeKeys.OpenAIProject}\"; }}",
            SdkSet.None);
        Assert.Equal(["false", "true"], diagnostics.OrderBy(d => d.Location.SourceSpan.Start).Select(d => d.Properties[LLM0012_HardCodedCredential.ReplaceableProperty]));
    }

    internal static async Task<ImmutableArray<Diagnostic>> DiagnosticsAsync(string source, SdkSet sdks)
    {
        var compilation = CSharpCompilation.Create(
            "Test",
            [CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest))],
            SdkReferences.Framework.AddRange(SdkReferences.For(sdks)),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        return await compilation.WithAnalyzers([new LLM0012_HardCodedCredential()]).GetAnalyzerDiagnosticsAsync();
    }
}
