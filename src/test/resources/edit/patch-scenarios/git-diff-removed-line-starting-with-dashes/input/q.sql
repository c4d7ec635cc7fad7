SELECT 1;
-- old comment
SELECT 2;
