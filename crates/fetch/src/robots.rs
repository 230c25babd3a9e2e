//! robots.txt as RFC 9309 reads it: the group for our product token (else `*`), `Allow`/`Disallow`
//! rules with `*` and `$`, the longest match wins, `Allow` on a tie.

/// The rules that apply to one user agent.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Robots {
    /// (allow, pattern) of the group that applies to us.
    rules: Vec<(bool, String)>,
}

/// robots.txt files larger than this are read up to here (RFC 9309 asks for at least 500 KiB).
pub const MAX_ROBOTS_BYTES: usize = 512 * 1024;

impl Robots {
    /// Everything allowed (no robots.txt, or one that cannot be read as text).
    pub fn allow_all() -> Robots {
        Robots::default()
    }

    /// Parses `body` for the product token `agent` (lower case, e.g. "borderwatch").
    pub fn parse(body: &str, agent: &str) -> Robots {
        let body = body.get(..MAX_ROBOTS_BYTES.min(body.len())).unwrap_or(body);
        let mut ours: Vec<(bool, String)> = Vec::new();
        let mut star: Vec<(bool, String)> = Vec::new();
        let mut found_ours = false;
        // The user agents of the group being read, and whether its rules have started.
        let mut agents: Vec<String> = Vec::new();
        let mut in_rules = false;
        for line in body.lines() {
            let line = line.split('#').next().unwrap_or_default().trim();
            let Some((key, value)) = line.split_once(':') else {
                continue;
            };
            let key = key.trim().to_ascii_lowercase();
            let value = value.trim();
            match key.as_str() {
                "user-agent" => {
                    if in_rules {
                        agents.clear();
                        in_rules = false;
                    }
                    agents.push(value.to_ascii_lowercase());
                }
                "allow" | "disallow" => {
                    in_rules = true;
                    let allow = key == "allow";
                    // An empty Disallow allows everything: no rule.
                    if value.is_empty() {
                        continue;
                    }
                    let rule = (allow, value.to_owned());
                    if agents
                        .iter()
                        .any(|a| agent.starts_with(a.as_str()) && a != "*")
                    {
                        found_ours = true;
                        ours.push(rule.clone());
                    }
                    if agents.iter().any(|a| a == "*") {
                        star.push(rule);
                    }
                }
                _ => {}
            }
        }
        Robots {
            rules: if found_ours { ours } else { star },
        }
    }

    /// Whether `path` (path and query of a URL) may be fetched.
    pub fn allows(&self, path: &str) -> bool {
        let mut best: Option<(usize, bool)> = None;
        for (allow, pattern) in &self.rules {
            if matches(pattern, path) {
                let len = pattern.len();
                let better = match best {
                    None => true,
                    Some((l, a)) => len > l || (len == l && *allow && !a),
                };
                if better {
                    best = Some((len, *allow));
                }
            }
        }
        best.is_none_or(|(_, allow)| allow)
    }
}

/// Whether `pattern` (with `*` for any run and a final `$` for the end) matches the start of `path`.
fn matches(pattern: &str, path: &str) -> bool {
    let (pattern, anchored) = match pattern.strip_suffix('$') {
        Some(p) => (p, true),
        None => (pattern, false),
    };
    let parts: Vec<&str> = pattern.split('*').collect();
    let mut at = 0usize;
    for (i, part) in parts.iter().enumerate() {
        let rest = path.get(at..).unwrap_or_default();
        if i == 0 {
            if !rest.starts_with(part) {
                return false;
            }
            at += part.len();
            continue;
        }
        let last = i == parts.len() - 1;
        if last && anchored {
            // The last piece must end the path.
            return rest.ends_with(part);
        }
        match rest.find(part) {
            Some(p) => at += p + part.len(),
            None => return false,
        }
    }
    !anchored || at == path.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: &str = "# written for this test\n\
        User-agent: *\nDisallow: /private/\nAllow: /private/open\n\n\
        User-agent: otherbot\nDisallow: /\n\n\
        User-agent: borderwatch\nUser-agent: friend\nDisallow: /search\nDisallow: /*.pdf$\n";

    #[test]
    fn our_group_wins_over_the_star_group() {
        let r = Robots::parse(FILE, "borderwatch");
        assert!(!r.allows("/search?q=x"));
        assert!(!r.allows("/files/a.pdf"));
        assert!(r.allows("/files/a.pdf?x=1"));
        // The * group does not apply once ours exists.
        assert!(r.allows("/private/x"));
    }

    #[test]
    fn star_group_and_longest_match() {
        let r = Robots::parse(FILE, "someone");
        assert!(!r.allows("/private/x"));
        assert!(r.allows("/private/open/door"));
        assert!(r.allows("/news"));
    }

    #[test]
    fn empty_and_garbage_allow_all() {
        assert!(Robots::parse("", "borderwatch").allows("/x"));
        assert!(Robots::parse("\u{0}\u{1}garbage", "borderwatch").allows("/x"));
        assert!(Robots::parse("User-agent: *\nDisallow:\n", "borderwatch").allows("/anything"));
    }
}
