-- generator-service schema v2: what drawing each sample cost, as far as the backend knew (null = not known).
alter table samples
    add column prompt_tokens     integer,              -- the prompt's tokens as the server counted them
    add column completion_tokens integer,              -- this sample's tokens; null when n>1 shared one count
    add column latency_ms        bigint,               -- the HTTP exchange that produced the sample
    add column truncated         boolean not null default false;  -- cut off by the token limit (finish_reason length)

update samples set truncated = true where finish_reason = 'length';
