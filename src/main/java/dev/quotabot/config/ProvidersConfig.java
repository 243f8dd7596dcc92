package dev.quotabot.config;

import java.net.URI;

/**
 * The providers other than ModelScope, and how far a relay address given in a query is trusted.
 *
 * @param deepseek DeepSeek's API base ({@code /user/balance} is appended)
 * @param siliconflow SiliconFlow's API base ({@code /v1/user/info})
 * @param openrouter OpenRouter's base ({@code /api/v1/key})
 * @param moonshot Moonshot's API base ({@code /v1/users/me/balance})
 * @param groq Groq's OpenAI-compatible base ({@code /v1/chat/completions}, probes)
 * @param cerebras Cerebras' API base ({@code /v1/chat/completions}, probes)
 * @param openai OpenAI's API base ({@code /v1/chat/completions}, probes)
 * @param anthropic Anthropic's API base ({@code /v1/messages}, probes)
 * @param allowHttp whether a relay address given in a query may use plain http
 * @param allowPrivateAddresses whether a relay address given in a query may resolve to loopback,
 *     private, link-local or other internal addresses (tests and private deployments only)
 */
public record ProvidersConfig(
    URI deepseek,
    URI siliconflow,
    URI openrouter,
    URI moonshot,
    URI groq,
    URI cerebras,
    URI openai,
    URI anthropic,
    boolean allowHttp,
    boolean allowPrivateAddresses) {}
