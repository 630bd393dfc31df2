//! The scanner with the Simplified Chinese lexicon (`lexicon/zh-Hans.txt`):
//! sentences from the zh-Hans drafts of the reference, then the forms the
//! lexicon must know with and without spaces, quantities and bare codes.

use super::tests::{assert_every_token_classified_in, render_with, Site};
use super::*;

fn zh() -> &'static Lexicon {
    Lexicon::for_language("zh-Hans").expect("zh-Hans lexicon")
}

/// The English test site plus the codes the draft sentences below mention.
struct ZhSite;

impl Known for ZhSite {
    fn title(&self, code: u16) -> Option<&str> {
        if let Some(title) = Site.title(code) {
            return Some(title);
        }
        Some(match code {
            202 => "Accepted",
            203 => "Non-Authoritative Information",
            206 => "Partial Content",
            207 => "Multi-Status",
            300 => "Multiple Choices",
            406 => "Not Acceptable",
            407 => "Proxy Authentication Required",
            414 => "URI Too Long",
            417 => "Expectation Failed",
            420 => "Enhance Your Calm",
            426 => "Upgrade Required",
            451 => "Unavailable For Legal Reasons",
            497 => "HTTP Request Sent to HTTPS Port",
            498 => "Invalid Token",
            501 => "Not Implemented",
            505 => "HTTP Version Not Supported",
            511 => "Network Authentication Required",
            520 => "Web Server Returned an Unknown Error",
            526 => "Invalid SSL Certificate",
            _ => return None,
        })
    }

    fn has_class(&self, class: u8) -> bool {
        Site.has_class(class)
    }
}

/// Marks as in the English tables: `[label→404]` a link, `{?499}` a cued code
/// the site lacks, `{~409}` a bare code (a warning in `check`), `{=100}` a
/// quantity and `{#500}` a marked number.
fn check(rows: &[(Option<u16>, &str, &str)]) {
    let mut failures = Vec::new();
    for &(current, text, want) in rows {
        let got = render_with(text, &scan_prose(text, zh(), &ZhSite, current), true);
        if got != want {
            failures.push(format!("{text:?} (current {current:?})\n   got  {got:?}\n   want {want:?}"));
        }
        assert_every_token_classified_in(zh(), &ZhSite, text, current);
    }
    assert!(failures.is_empty(), "{} rows failed:\n{}", failures.len(), failures.join("\n"));
}

/// Sentences from the drafts, on their own pages: every code meant as a
/// status code links, every quantity is a number, and nothing is bare.
#[rustfmt::skip]
const DRAFTS: &[(Option<u16>, &str, &str)] = &[
    // Cues before the code, with a space as the drafts write it.
    (Some(100), "缺少凭据时返回 401 响应，完全无法满足该期望时返回 417 响应。",
        "缺少凭据时返回 [401→401] 响应，完全无法满足该期望时返回 [417→417] 响应。"),
    (Some(101), "后端看到的只是一个普通的 GET 请求，回复的会是 200、400 或 426，而不是 101。",
        "后端看到的只是一个普通的 GET 请求，回复的会是 [200→200]、[400→400] 或 [426→426]，而不是 101。"),
    (None, "之后一定还会跟着一个 200 及以上状态码的最终响应",
        "之后一定还会跟着一个 [200→200] 及以上状态码的最终响应"),
    (Some(200), "只返回文件一部分的范围请求响应是 206，而缓存副本重新验证成功的结果是 304 响应。",
        "只返回文件一部分的范围请求响应是 [206→206]，而缓存副本重新验证成功的结果是 [304→304] 响应。"),
    (Some(204), "就返回带内容的 200；", "就返回带内容的 [200→200]；"),
    (None, "WebDAV 还增加了 207（Multi-Status）等状态码，用于一次操作多个资源。",
        "WebDAV 还增加了 [207→207]（Multi-Status）等状态码，用于一次操作多个资源。"),
    (Some(301), "请改用 308。", "请改用 [308→308]。"),
    (Some(404), "（参见 400 或 422），也不要用于已有资源不支持的请求方法（参见 405）。",
        "（参见 [400→400] 或 [422→422]），也不要用于已有资源不支持的请求方法（参见 [405→405]）。"),
    (Some(404), "“软 404”（以 200 返回的未找到页面）", "“软 404”（以 [200→200] 返回的未找到页面）"),
    (Some(200), "应当返回真实的状态码（比如 404 或 503 响应）",
        "应当返回真实的状态码（比如 [404→404] 或 [503→503] 响应）"),
    (None, "客户端收到不认识的 2xx 状态码时，必须按 200 处理：",
        "客户端收到不认识的 [2xx→2xx] 状态码时，必须按 [200→200] 处理："),
    (Some(400), "nginx 会把这种情况报告为 400 页面，在内部则记为 497。",
        "nginx 会把这种情况报告为 400 页面，在内部则记为 [497→497]。"),
    (Some(501), "它有自己的状态码，即 505。", "它有自己的状态码，即 [505→505]。"),
    (Some(405), "不要把它和 501 混淆：", "不要把它和 [501→501] 混淆："),
    (Some(308), "会把它当作不认识的 3xx 状态码，也就是按 300 处理：",
        "会把它当作不认识的 [3xx→3xx] 状态码，也就是按 [300→300] 处理："),
    (Some(499), "请求没有携带令牌（对比 498 Invalid Token）。",
        "请求没有携带令牌（对比 [498 Invalid Token→498]）。"),
    (Some(410), "过一段时间后退回到 404 也没问题。", "过一段时间后退回到 [404→404] 也没问题。"),
    (Some(410), "主流搜索引擎对 404 和 410 的处理大致相同", "主流搜索引擎对 [404→404] 和 410 的处理大致相同"),
    (Some(415), "如果能解析但校验失败，通常选择 422。", "如果能解析但校验失败，通常选择 [422→422]。"),
    (Some(418), "不认识它的客户端会把它当作普通的 400 来处理",
        "不认识它的客户端会把它当作普通的 [400→400] 来处理"),
    (Some(451), "即使解除了法律封锁，结果也可能仍然是 404。", "即使解除了法律封锁，结果也可能仍然是 [404→404]。"),
    (Some(409), "准确的答复是 412，不必用 409。", "准确的答复是 [412→412]，不必用 409。"),
    (Some(502), "那是它自己的故障，应当报告 500。", "那是它自己的故障，应当报告 [500→500]。"),
    (Some(502), "比如 Cloudflare 的 520 到 526 这一段。", "比如 Cloudflare 的 [520→520] 到 [526→526] 这一段。"),
    (None, "过期，返回的是 403 而不是 404。", "过期，返回的是 [403→403] 而不是 [404→404]。"),
    (None, "HTTP/1.1 在 RFC 2616 中引入这个状态码，是为了消除 302 的歧义",
        "HTTP/1.1 在 RFC 2616 中引入这个状态码，是为了消除 [302→302] 的歧义"),
    (Some(429), "曾为此使用自己的状态码 420 Enhance Your Calm，后来才改用 429。",
        "曾为此使用自己的状态码 [420 Enhance Your Calm→420]，后来才改用 429。"),
    (Some(401), "正确的状态码是 407，对应的响应头是 C", "正确的状态码是 [407→407]，对应的响应头是 C"),
    (None, "RFC 7725 又加上了 451；", "RFC 7725 又加上了 [451→451]；"),
    // A code at the start of a clause (after ，。： or a conjunction) is its subject.
    (Some(307), "因为 302 对 POST 的处理在实践中已经走样。", "因为 [302→302] 对 POST 的处理在实践中已经走样。"),
    (Some(307), "你只关心 GET，那么 302 也可以。", "你只关心 GET，那么 [302→302] 也可以。"),
    (Some(308), "308 与 301 的关系，正如 307 与 302 的关系：",
        "308 与 [301→301] 的关系，正如 [307→307] 与 [302→302] 的关系："),
    (None, "但只有 308 保证保留原来的方法和请求体；", "但只有 [308→308] 保证保留原来的方法和请求体；"),
    (None, "永久重定向（301 和 308）默认可缓存", "永久重定向（[301→301] 和 [308→308]）默认可缓存"),
    (None, "这一类中，200、203、204 和 206 默认可缓存；",
        "这一类中，[200→200]、[203→203]、[204→204] 和 [206→206] 默认可缓存；"),
    (Some(403), "和它的邻居们比较一下。401 的意思是“先认证”",
        "和它的邻居们比较一下。[401→401] 的意思是“先认证”"),
    (Some(403), "如果封锁是法律或法院命令所要求的，451 会明确说明这一原因。",
        "如果封锁是法律或法院命令所要求的，[451→451] 会明确说明这一原因。"),
    (Some(404), "如果你知道资源是被有意且永久删除的，410 能更准确地表达这一点。",
        "如果你知道资源是被有意且永久删除的，[410→410] 能更准确地表达这一点。"),
    (Some(415), "不要把它和 406 混淆：406 针对的是客户端要求的响应格式",
        "不要把它和 [406→406] 混淆：[406→406] 针对的是客户端要求的响应格式"),
    (Some(422), "（比如基于过时版本的编辑），409 更合适。", "（比如基于过时版本的编辑），[409→409] 更合适。"),
    (Some(501), "对这个客户端或账号是禁用的：403 或 404 更合适。",
        "对这个客户端或账号是禁用的：[403→403] 或 [404→404] 更合适。"),
    (None, "对于 504，上游处理的时间超过了代理的超时设置。", "对于 [504→504]，上游处理的时间超过了代理的超时设置。"),
    // A list item that starts with the code: 是 and 表示 after it.
    (Some(451), "403 是一种拒绝，但不说明法律原因。", "[403→403] 是一种拒绝，但不说明法律原因。"),
    (Some(451), "410 表示资源已被有意且永久地移除", "[410→410] 表示资源已被有意且永久地移除"),
    // Titled codes in tables, and `NNN 响应（English name）` in the lists.
    (None, "| GET 成功 | 200 OK |", "| GET 成功 | [200 OK→200] |"),
    (None, "404 响应（Not Found）表示", "[404→404] 响应（Not Found）表示"),
    (None, "4xx 类的状态码表示", "[4xx→4xx] 类的状态码表示"),
    // Quantities in the drafts, and the page's own book title.
    (Some(413), "Cloudflare 的 Free 和 Pro 套餐允许 100 MB）。", "Cloudflare 的 Free 和 Pro 套餐允许 {=100} MB）。"),
    (None, "默认是 60 秒，CloudFront 会等待源站响应 30 秒。", "默认是 60 秒，CloudFront 会等待源站响应 30 秒。"),
    (None, "RFC 9110 第 15.5.19 节把它列为保留状态码", "RFC 9110 第 15.5.19 节把它列为保留状态码"),
    (Some(451), "描写焚书的小说《华氏 451》（Fahrenheit 451）。", "描写焚书的小说《华氏 451》（Fahrenheit 451）。"),
    (None, "描写焚书的小说《华氏 451》（Fahrenheit 451）。", "描写焚书的小说《华氏 {=451}》（Fahrenheit {~451}）。"),
];

#[test]
fn draft_sentences() {
    check(DRAFTS);
}

/// The forms, with and without spaces between the code and the words.
#[rustfmt::skip]
const FORMS: &[(Option<u16>, &str, &str)] = &[
    // Cues before.
    (None, "参见 401", "参见 [401→401]"),
    (None, "参见401", "参见[401→401]"),
    (None, "返回 404 错误", "返回 [404→404] 错误"),
    (None, "返回404错误", "返回[404→404]错误"),
    (None, "与 302 不同", "与 [302→302] 不同"),
    (None, "与302不同", "与[302→302]不同"),
    (None, "改用 308", "改用 [308→308]"),
    (None, "就用307", "就用[307→307]"),
    (None, "收到 503 时", "收到 [503→503] 时"),
    (None, "状态码 404", "状态码 [404→404]"),
    (None, "状态码404", "状态码[404→404]"),
    (None, "状态码：404", "状态码：[404→404]"),
    (None, "返回“404”", "返回“[404→404]”"),
    (None, "（参见 401）", "（参见 [401→401]）"),
    (None, "HTTP 404", "HTTP [404→404]"),
    // Words after.
    (None, "404 状态码", "[404→404] 状态码"),
    (None, "404状态码", "[404→404]状态码"),
    (None, "404 响应", "[404→404] 响应"),
    (None, "404响应", "[404→404]响应"),
    (None, "404 错误", "[404→404] 错误"),
    (None, "404 页面", "[404→404] 页面"),
    (None, "“404”错误", "“[404→404]”错误"),
    // Classes need no cue.
    (None, "任何 5xx 响应", "任何 [5xx→5xx] 响应"),
    (None, "任何5xx响应", "任何[5xx→5xx]响应"),
    (None, "5xx", "[5xx→5xx]"),
    // Lists: 、 和 或 与 到 and the full-width comma.
    (None, "参见 401 或 403", "参见 [401→401] 或 [403→403]"),
    (None, "参见401或403", "参见[401→401]或[403→403]"),
    (None, "返回 401、403 和 404", "返回 [401→401]、[403→403] 和 [404→404]"),
    (None, "返回401、403和404", "返回[401→401]、[403→403]和[404→404]"),
    (None, "401、403 和 404 响应", "[401→401]、[403→403] 和 [404→404] 响应"),
    (None, "参见 401，403", "参见 [401→401]，[403→403]"),
    (None, "从 500 到 504", "从 [500→500] 到 [504→504]"),
    (None, "从 100 到 200 毫秒", "从 {=100} 到 {=200} 毫秒"),
    // Titles, with and without a space.
    (None, "404 Not Found", "[404 Not Found→404]"),
    (None, "**404 Not Found**（未找到）", "**[404 Not Found→404]**（未找到）"),
    (None, "404 Not Found状态码", "[404 Not Found→404]状态码"),
    // The page's own code is never linked or reported.
    (Some(404), "返回404错误", "返回404错误"),
    (Some(404), "404 是", "404 是"),
];

#[test]
fn forms_with_and_without_spaces() {
    check(FORMS);
}

/// Quantities and reference numbers are numbers; a code with neither cue nor
/// unit is bare (a warning); the `\500` marker works as in English.
#[rustfmt::skip]
const NUMBERS: &[(Option<u16>, &str, &str)] = &[
    (None, "等待 100 秒", "等待 {=100} 秒"),
    (None, "等待100秒", "等待{=100}秒"),
    (None, "500 毫秒", "{=500} 毫秒"),
    (None, "500毫秒", "{=500}毫秒"),
    (None, "端口 443", "端口 443"),
    (None, "端口 500", "端口 {=500}"),
    (None, "端口500", "端口{=500}"),
    (None, "RFC 9110 第 15.5 节", "RFC 9110 第 15.5 节"),
    (None, "第 404 页", "第 {=404} 页"),
    (None, "451 本书", "{=451} 本书"),
    (None, "前 500 个", "前 {=500} 个"),
    (None, "前500个", "前{=500}个"),
    (None, "返回 500 个请求", "返回 {=500} 个请求"),
    (None, "1000 个请求", "1000 个请求"),
    (None, "约 200 人", "约 {=200} 人"),
    (None, "超过 400", "超过 {=400}"),
    (None, "至少 300 次", "至少 {=300} 次"),
    (None, "300 多个", "{=300} 多个"),
    (None, "200 左右", "{=200} 左右"),
    (None, "200 页", "{=200} 页"),
    (None, "涨了 200%", "涨了 200%"),
    (None, "涨了 200 %", "涨了 {=200} %"),
    (None, "涨了 200％", "涨了 200％"),
    (None, "￥500", "￥500"),
    (None, "《华氏 451》", "《华氏 {=451}》"),
    // Glued to digits, Latin letters or a decimal point: no token.
    (None, "返回 1.404", "返回 1.404"),
    (None, "返回 404a", "返回 404a"),
    (None, "返回 v404", "返回 v404"),
    (None, "100MB", "100MB"),
    // Neither cue nor unit: bare.
    (None, "401 或 403", "{~401} 或 {~403}"),
    (None, "华氏 451", "华氏 {~451}"),
    (None, "上限 500", "上限 {~500}"),
    // The marker: always a number.
    (None, "上限是 \\500", "上限是 {#500}"),
    (None, "返回\\404", "返回{#404}"),
    // Cued codes the site lacks are unknown, not links.
    (None, "返回 499", "返回 {?499}"),
];

#[test]
fn quantities_bare_codes_and_markers() {
    check(NUMBERS);
}

/// A title in a script without spaces may touch its code.
#[test]
fn cjk_titles_may_touch_the_code() {
    struct Titles;
    impl Known for Titles {
        fn title(&self, code: u16) -> Option<&str> {
            (code == 404).then_some("未找到")
        }
        fn has_class(&self, _: u8) -> bool {
            true
        }
    }
    for (text, want) in [
        ("404 未找到", "[404 未找到→404]"),
        ("404未找到", "[404未找到→404]"),
        ("404未找到的页面", "[404未找到→404]的页面"),
        ("404 未", "{~404} 未"),
    ] {
        let got = render_with(text, &scan_prose(text, zh(), &Titles, None), true);
        assert_eq!(got, want, "{text:?}");
    }
}

/// Random strings from CJK and tricky fragments: never panics, every token
/// naming a known code ends in exactly one place.
#[test]
fn fragments_never_panic() {
    let parts = [
        "404",
        "5xx",
        "1",
        " ",
        "，",
        "、",
        "。",
        "和",
        "或",
        "返回",
        "参见",
        "响应",
        "秒",
        "个",
        "《",
        "》",
        "“",
        "”",
        "（",
        "）",
        "是",
        "的",
        "\\",
        "a",
        "/",
        "-",
        "Not Found",
        "499",
        "日",
        "\u{3000}",
    ];
    for text in super::random_fragments(&parts, 0x9e37_79b9_7f4a_7c15, 5000) {
        for current in [None, Some(404)] {
            render_with(&text, &scan_prose(&text, zh(), &ZhSite, current), true);
            assert_every_token_classified_in(zh(), &ZhSite, &text, current);
        }
    }
}
