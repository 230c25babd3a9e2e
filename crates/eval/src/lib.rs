//! Scoring extraction against gold annotations, exactly as `shared/eval/SCHEMA.md` says.
