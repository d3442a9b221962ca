//! The tokens of plain ASCII polynomial text, scanned byte by byte: on a
//! big polynomial the general lexer's automaton and its bookkeeping of
//! implicit products cost more than all the rest of reading, differentiating
//! and printing it.
//!
//! The scanner knows a small part of the syntax (integers, ASCII names,
//! `+ - * ^ **`, blanks) and hands out what the reader would see of the general
//! lexer's tokens, implicit `*` after a number included. At anything else it
//! stops and says so ([`AsciiTokens::stopped`]), and the reader starts over
//! with the general lexer: what it read so far may have meant something else
//! there (`2.5`, `2e3`, `xα`).

use super::read::PolyToken;

/// Up to this many digits an integer surely fits an `i64`.
const SURE_DIGITS: usize = 18;

/// The token stream; see the module's documentation.
pub(super) struct AsciiTokens<'a> {
    input: &'a str,
    at: usize,
    max_digits: usize,
    /// The name after a number, handed out after the implicit `*`.
    held: Option<PolyToken<'a>>,
    after_number: bool,
    stopped: bool,
}

impl<'a> AsciiTokens<'a> {
    /// The tokens of `input`, numbers of at most `max_digits` digits.
    pub(super) fn new(input: &'a str, max_digits: usize) -> AsciiTokens<'a> {
        AsciiTokens {
            input,
            at: 0,
            max_digits,
            held: None,
            after_number: false,
            stopped: false,
        }
    }

    /// Whether it met text it does not read, so that the tokens it gave
    /// are not to be trusted as the input's.
    pub(super) fn stopped(&self) -> bool {
        self.stopped
    }

    fn stop(&mut self) -> Option<PolyToken<'a>> {
        self.stopped = true;
        None
    }
}

impl<'a> Iterator for AsciiTokens<'a> {
    type Item = PolyToken<'a>;

    fn next(&mut self) -> Option<PolyToken<'a>> {
        if let Some(token) = self.held.take() {
            return Some(token);
        }
        if self.stopped {
            return None;
        }
        let bytes = self.input.as_bytes();
        while let Some(b' ' | b'\t' | b'\r' | b'\n' | b'\x0c') = bytes.get(self.at) {
            self.at += 1;
        }
        let start = self.at;
        let &first = bytes.get(start)?;
        let run = |from: usize, within: fn(&u8) -> bool| {
            from + bytes[from..].iter().take_while(|b| within(b)).count()
        };
        let (token, end) = match first {
            b'+' => (PolyToken::Plus, start + 1),
            b'-' => (PolyToken::Minus, start + 1),
            b'^' => (PolyToken::Caret, start + 1),
            b'*' if bytes.get(start + 1) == Some(&b'*') => (PolyToken::Caret, start + 2),
            b'*' => (PolyToken::Star, start + 1),
            b'0'..=b'9' => {
                let end = run(start, u8::is_ascii_digit);
                let digits = end - start;
                // A decimal point or an exponent, or a number that may not
                // fit or is over the limit: the general lexer's business.
                if matches!(bytes.get(end), Some(b'.' | b'e' | b'E'))
                    || digits > SURE_DIGITS
                    || digits > self.max_digits
                {
                    return self.stop();
                }
                let value = bytes[start..end]
                    .iter()
                    .fold(0i64, |v, d| v * 10 + i64::from(d - b'0'));
                (PolyToken::Int(value), end)
            }
            b'A'..=b'Z' | b'a'..=b'z' | b'_' => {
                let end = run(start, |b| b.is_ascii_alphanumeric() || *b == b'_');
                // A name may go on in Greek letters.
                if bytes.get(end).is_some_and(|b| !b.is_ascii()) {
                    return self.stop();
                }
                (PolyToken::Name(&self.input[start..end]), end)
            }
            _ => return self.stop(),
        };
        self.at = end;
        let implicit = self.after_number && matches!(token, PolyToken::Name(_));
        self.after_number = matches!(token, PolyToken::Int(_));
        if implicit {
            self.held = Some(token);
            return Some(PolyToken::Star);
        }
        Some(token)
    }
}

#[cfg(test)]
mod tests {
    use super::{AsciiTokens, PolyToken};
    use crate::syntax::lexer::tokens;

    /// Where the scanner reads, its tokens are the general lexer's, and
    /// it stops wherever the two might differ.
    #[test]
    fn tokens_are_the_general_lexers() {
        for text in [
            "61*x1*x3^4 - 554*x2*x5**3 + 7",
            "2x y3 + 3 4 -x_1",
            "  x\t^\n2\r\x0c*y ",
            "123456789012345678*x",
            "2 x^2y",
        ] {
            let mut fast = AsciiTokens::new(text, 1000);
            let scanned: Vec<_> = fast.by_ref().collect();
            assert!(!fast.stopped(), "{text}");
            let general: Vec<_> = tokens(text, 1000).map(PolyToken::from).collect();
            assert!(!general.contains(&PolyToken::Other), "{text}");
            assert_eq!(scanned, general, "{text}");
        }
        for text in [
            "2.5*x",
            "2e3*x",
            "2E*x",
            "xα + 1",
            "x²",
            "sin(x)",
            "x/2",
            "1234567890123456789*x",
            "x − y",
            "f'",
            "d/dx x",
        ] {
            let mut fast = AsciiTokens::new(text, 1000);
            fast.by_ref().for_each(drop);
            assert!(fast.stopped(), "{text}");
        }
        let mut over = AsciiTokens::new("12345*x", 4);
        over.by_ref().for_each(drop);
        assert!(over.stopped());
    }
}
