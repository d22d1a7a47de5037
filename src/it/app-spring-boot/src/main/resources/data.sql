INSERT INTO greeting (id, language, text) VALUES (1, 'ja', 'Konnichiwa');
INSERT INTO greeting (id, language, text) VALUES (2, 'en', 'Hello');
