//! A small RFC 4180 reader shared by the CSV-shaped formats (UN/LOCODE, borderwatch CSV).
//!
//! It owns only the splitting of text into records and fields; what the fields mean belongs to each
//! format. A record that cannot be split (an unterminated quote) is returned as an error for that
//! record, so one bad row never takes the file down.

/// One record: the 1-based line it starts on, and its fields (or why it could not be split).
pub(crate) struct CsvRecord {
    pub line: usize,
    pub fields: Result<Vec<String>, String>,
}

/// Splits `text` into records. Blank lines are skipped. Quotes are honoured only at the start of a
/// field; a quote inside an unquoted field is kept as text (UN/LOCODE remarks contain such quotes).
pub(crate) fn records(text: &str) -> Vec<CsvRecord> {
    let text = text.trim_start_matches('\u{feff}');
    let mut out = Vec::new();
    let mut chars = text.chars().peekable();
    let mut line = 1usize;
    while chars.peek().is_some() {
        let start_line = line;
        let mut fields = Vec::new();
        let mut field = String::new();
        let mut error = None;
        let mut at_field_start = true;
        let mut in_quotes = false;
        let mut after_quote = false;
        loop {
            let Some(c) = chars.next() else {
                if in_quotes {
                    error = Some("unterminated quoted field".to_string());
                }
                break;
            };
            if c == '\n' {
                line += 1;
            }
            if in_quotes {
                if c == '"' {
                    if chars.peek() == Some(&'"') {
                        chars.next();
                        field.push('"');
                    } else {
                        in_quotes = false;
                        after_quote = true;
                    }
                } else {
                    field.push(c);
                }
                continue;
            }
            match c {
                ',' => {
                    fields.push(std::mem::take(&mut field));
                    at_field_start = true;
                    after_quote = false;
                }
                '\n' => break,
                '\r' => {}
                '"' if at_field_start => {
                    in_quotes = true;
                    at_field_start = false;
                }
                _ => {
                    if after_quote && error.is_none() {
                        error = Some(format!(
                            "text after a closing quote in field {}",
                            fields.len() + 1
                        ));
                    }
                    at_field_start = false;
                    field.push(c);
                }
            }
        }
        fields.push(field);
        let blank = fields.len() == 1 && fields[0].trim().is_empty() && error.is_none();
        if !blank {
            out.push(CsvRecord {
                line: start_line,
                fields: match error {
                    Some(e) => Err(e),
                    None => Ok(fields),
                },
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(r: &CsvRecord) -> Vec<String> {
        r.fields.clone().unwrap_or_default()
    }

    #[test]
    fn splits_quoted_and_bare_fields_with_line_numbers() {
        let recs = records("a,\"b,c\",\"d \"\"e\"\"\"\r\n\n1,\"two\nlines\",3\nx");
        assert_eq!(recs.len(), 3);
        assert_eq!(ok(&recs[0]), ["a", "b,c", "d \"e\""]);
        assert_eq!(recs[0].line, 1);
        assert_eq!(ok(&recs[1]), ["1", "two\nlines", "3"]);
        assert_eq!(recs[1].line, 3);
        assert_eq!(recs[2].line, 5);
        assert_eq!(ok(&recs[2]), ["x"]);
    }

    #[test]
    fn an_unterminated_quote_is_an_error_for_that_record() {
        let recs = records("a,b\n\"oops,c\n");
        assert_eq!(recs.len(), 2);
        assert!(recs[0].fields.is_ok());
        assert!(recs[1].fields.is_err());
    }

    #[test]
    fn inner_quotes_in_bare_fields_are_text() {
        let recs = records("a,say \"hi\",c");
        assert_eq!(ok(&recs[0]), ["a", "say \"hi\"", "c"]);
    }
}
