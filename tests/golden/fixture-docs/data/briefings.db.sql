page size 8192, user version 1
CREATE INDEX "idx_briefing_people_person"
    ON "briefing_people" ("person");
CREATE INDEX "idx_briefing_tags_tag"
    ON "briefing_tags" ("tag");
CREATE INDEX "idx_briefing_themes_theme"
    ON "briefing_themes" ("theme");
CREATE INDEX "idx_briefings_date"
    ON "briefings" ("date");
CREATE INDEX "idx_quotes_person"
    ON "quotes" ("person");
CREATE INDEX "idx_quotes_theme"
    ON "quotes" ("theme");
CREATE TABLE "archive" (
   "name" TEXT PRIMARY KEY NOT NULL,
   "url" TEXT NOT NULL,
   "description" TEXT NOT NULL,
   "licence" TEXT,
   "licence_url" TEXT,
   "licence_covers" TEXT
);
CREATE TABLE "briefing_people" (
   "briefing_id" TEXT NOT NULL REFERENCES "briefings"("id"),
   "position" INTEGER NOT NULL,
   "person" TEXT NOT NULL REFERENCES "people"("slug"),
   "name" TEXT NOT NULL,
   PRIMARY KEY ("briefing_id", "position")
);
CREATE TABLE "briefing_tags" (
   "briefing_id" TEXT NOT NULL REFERENCES "briefings"("id"),
   "tag" TEXT NOT NULL REFERENCES "tags"("tag"),
   PRIMARY KEY ("briefing_id", "tag")
);
CREATE TABLE "briefing_themes" (
   "briefing_id" TEXT NOT NULL REFERENCES "briefings"("id"),
   "theme" TEXT NOT NULL REFERENCES "themes"("slug"),
   "position" INTEGER NOT NULL,
   "highlight" TEXT,
   PRIMARY KEY ("briefing_id", "theme")
);
CREATE TABLE "briefings" (
   "id" TEXT PRIMARY KEY NOT NULL,
   "url" TEXT NOT NULL,
   "title" TEXT NOT NULL,
   "date" TEXT NOT NULL,
   "date_note" TEXT,
   "updated" TEXT,
   "summary" TEXT NOT NULL,
   "notes" TEXT NOT NULL,
   "source_name" TEXT NOT NULL,
   "source_url" TEXT,
   "source_archived" TEXT
);
CREATE VIRTUAL TABLE briefings_fts USING fts5(title, summary, notes, quotes, content='briefing_fulltext', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2');
CREATE TABLE "corrections" (
   "briefing_id" TEXT NOT NULL REFERENCES "briefings"("id"),
   "position" INTEGER NOT NULL,
   "date" TEXT NOT NULL,
   "text" TEXT NOT NULL,
   PRIMARY KEY ("briefing_id", "position")
);
CREATE TABLE "people" (
   "slug" TEXT PRIMARY KEY NOT NULL,
   "name" TEXT NOT NULL,
   "url" TEXT NOT NULL
);
CREATE TABLE "person_aliases" (
   "person" TEXT NOT NULL REFERENCES "people"("slug"),
   "alias" TEXT NOT NULL,
   PRIMARY KEY ("person", "alias")
);
CREATE TABLE "person_roles" (
   "person" TEXT NOT NULL REFERENCES "people"("slug"),
   "position" INTEGER NOT NULL,
   "title" TEXT NOT NULL,
   "since" TEXT,
   "until" TEXT,
   PRIMARY KEY ("person", "position")
);
CREATE TABLE "quotes" (
   "briefing_id" TEXT NOT NULL REFERENCES "briefings"("id"),
   "position" INTEGER NOT NULL,
   "speaker" TEXT NOT NULL,
   "person" TEXT REFERENCES "people"("slug"),
   "text" TEXT NOT NULL,
   "theme" TEXT REFERENCES "themes"("slug"),
   "url" TEXT NOT NULL,
   PRIMARY KEY ("briefing_id", "position")
);
CREATE TABLE "tags" (
   "tag" TEXT PRIMARY KEY NOT NULL
);
CREATE TABLE "themes" (
   "slug" TEXT PRIMARY KEY NOT NULL,
   "title" TEXT NOT NULL,
   "description" TEXT NOT NULL,
   "position" INTEGER NOT NULL
);
CREATE VIEW briefing_fulltext AS
SELECT b.rowid AS rowid, b.title, b.summary, b.notes,
  (SELECT group_concat(q.text, char(10))
     FROM (SELECT text FROM quotes WHERE briefing_id = b.id ORDER BY position) AS q) AS quotes
FROM briefings AS b;
-- archive
["Briefing Archive", "https://briefing-archive.example.org/", "A curated archive of briefings on Ukraine's defence and diplomacy, by theme and date.", "CC BY 4.0", "https://creativecommons.org/licenses/by/4.0/", "the curators' summaries, notes and highlights, and this database"]
-- briefing_people
["2025-01-15-test-talks-round", 1, "test-minister-alpha", "Test Minister Alpha"]
["2025-01-15-test-talks-round", 2, "test-envoy-beta", "Test Envoy Beta"]
["2024-11-20-test-air-defense-deliveries", 1, "test-minister-alpha", "Test Minister Alpha"]
-- briefing_tags
["2024-11-20-test-air-defense-deliveries", "interceptors"]
-- briefing_themes
["2025-02-01-test-script-title", "drones", 1, "DRONES-HIGHLIGHT for the script record."]
["2025-01-15-test-talks-round", "diplomacy", 1, null]
["2024-11-20-test-air-defense-deliveries", "air-defense", 1, "AIRDEFENSE-HIGHLIGHT for the interceptor record."]
["2024-11-20-test-air-defense-deliveries", "defense-industry", 2, "INDUSTRY-HIGHLIGHT for the interceptor record."]
-- briefings
["2025-02-01-test-script-title", "https://briefing-archive.example.org/briefings/2025-02-01-test-script-title/", "<script>alert('title')</script> Test *not emphasis* [not a link](https://example.org)", "2025-02-01", null, null, "<img src=x onerror=alert(1)> Summary with <script>alert('summary')</script> inside.", "Synthetic body.", "Test <b>Wire</b>", null, null]
["2025-01-15-test-talks-round", "https://briefing-archive.example.org/briefings/2025-01-15-test-talks-round/", "Test delegations meet for a round of talks", "2025-01-15", null, null, "Synthetic summary about a round of talks, with no highlight of its own.", "Synthetic body about talks.", "Test Wire", "https://example.org/wire/talks", null]
["2024-11-20-test-air-defense-deliveries", "https://briefing-archive.example.org/briefings/2024-11-20-test-air-defense-deliveries/", "Test partners pledge interceptor missiles", "2024-11-20", null, null, "Synthetic summary about interceptor missiles for the tests.", "Synthetic body text mentioning the word plumbagoflux for search tests.", "Test Wire", "https://example.org/wire/interceptors", "https://archive.example.org/web/20241120/https://example.org/wire/interceptors"]
-- corrections
-- people
["test-envoy-beta", "Test Envoy Beta", "https://briefing-archive.example.org/people/test-envoy-beta/"]
["test-minister-alpha", "Test Minister Alpha", "https://briefing-archive.example.org/people/test-minister-alpha/"]
-- person_aliases
["test-minister-alpha", "Test Minister Alfa"]
["test-minister-alpha", "Тестовий Міністр Альфа"]
-- person_roles
["test-envoy-beta", 1, "Synthetic envoy", "2025-01-01", null]
["test-minister-alpha", 1, "Synthetic Minister of Testing", "2024-01-15", "2025-07-17"]
["test-minister-alpha", 2, "Synthetic head of the test delegation", null, null]
-- quotes
["2024-11-20-test-air-defense-deliveries", 1, "Test Minister Alpha", "test-minister-alpha", "Synthetic quote about the skies quasarzebra.", "air-defense", "https://briefing-archive.example.org/briefings/2024-11-20-test-air-defense-deliveries/#quote-1"]
-- tags
["interceptors"]
-- themes
["diplomacy", "Diplomacy", "Negotiations, summits, ceasefire and prisoner-exchange talks, and Ukraine's work with allies and partners to end the war on just terms.", 1]
["air-defense", "Air defense", "Systems, missiles and interceptors that protect Ukrainian cities and infrastructure from missiles and drones, and the partners who supply them.", 2]
["drones", "Drones", "Unmanned systems on the front line: how brigades are equipped with drones, how they are procured, and the interceptor drones that counter Russian attacks.", 3]
["defense-industry", "Defense industry", "Ukraine's military-industrial complex: production at home, joint ventures with partners, and the factories that arm Ukrainian soldiers.", 4]
-- briefings_fts: term, rows, occurrences
["1", 1, 1]
["a", 2, 3]
["about", 2, 4]
["alert", 1, 3]
["body", 3, 3]
["delegations", 1, 1]
["emphasis", 1, 1]
["example", 1, 1]
["for", 2, 3]
["highlight", 1, 1]
["https", 1, 1]
["img", 1, 1]
["inside", 1, 1]
["interceptor", 1, 2]
["its", 1, 1]
["link", 1, 1]
["meet", 1, 1]
["mentioning", 1, 1]
["missiles", 1, 2]
["no", 1, 1]
["not", 1, 2]
["of", 1, 3]
["onerror", 1, 1]
["org", 1, 1]
["own", 1, 1]
["partners", 1, 1]
["pledge", 1, 1]
["plumbagoflux", 1, 1]
["quasarzebra", 1, 1]
["quote", 1, 1]
["round", 1, 2]
["script", 1, 4]
["search", 1, 1]
["skies", 1, 1]
["src", 1, 1]
["summary", 3, 4]
["synthetic", 3, 6]
["talks", 1, 3]
["test", 3, 3]
["tests", 1, 2]
["text", 1, 1]
["the", 1, 3]
["title", 1, 1]
["with", 2, 2]
["word", 1, 1]
["x", 1, 1]
