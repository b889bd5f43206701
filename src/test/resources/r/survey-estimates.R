# Every estimate Tonle publishes, computed by R's survey package from the same respondents.
# Arguments: data.csv (one row per respondent: w, stratum, psu, <indicator>_in, <indicator>_y, the
# breakdown dimensions), spec.csv (id, kind, base, by, dimension, first, second), out.csv.
suppressMessages(library(survey))
options(survey.lonely.psu = "adjust")
args <- commandArgs(trailingOnly = TRUE)
d <- read.csv(args[1], colClasses = "character", na.strings = "")
spec <- read.csv(args[2], colClasses = "character", na.strings = "")
d$w <- as.numeric(d$w)
for (col in grep("_(in|y)$", names(d), value = TRUE)) d[[col]] <- as.numeric(d[[col]])
des <- svydesign(ids = ~psu, strata = ~stratum, weights = ~w, nest = TRUE, data = d)
num <- function(x) if (is.null(x) || length(x) == 0 || is.na(x)) "" else sprintf("%.17g", x)
rows <- list()
emit <- function(id, by, key, value, se, lo, hi, df, deff) {
  rows[[length(rows) + 1]] <<- c(id, by, key, num(value), num(se), num(lo), num(hi), num(df), num(deff))
}
cellsOf <- function(members, dims) {
  if (length(dims) == 0) return(list(character(0)))
  combos <- unique(d[members, dims, drop = FALSE])
  combos <- combos[stats::complete.cases(combos), , drop = FALSE]
  lapply(seq_len(nrow(combos)), function(i) as.character(unlist(combos[i, ])))
}
inCell <- function(members, dims, values) {
  keep <- members
  for (k in seq_along(dims)) keep <- keep & !is.na(d[[dims[k]]]) & d[[dims[k]]] == values[k]
  keep
}
for (r in seq_len(nrow(spec))) {
  s <- spec[r, ]
  dims <- if (is.na(s$by)) character(0) else strsplit(s$by, ",")[[1]]
  members <- d[[paste0(s$base, "_in")]] == 1
  y <- as.formula(paste0("~", s$base, "_y"))
  if (s$kind %in% c("proportion", "mean")) {
    for (values in cellsOf(members, dims)) {
      cs <- des[inCell(members, dims, values), ]
      m <- svymean(y, cs, deff = TRUE)
      p <- coef(m)[[1]]
      df <- degf(cs)
      if (s$kind == "proportion") {
        ci <- if (p > 1e-12 && p < 1 - 1e-12) as.numeric(attr(svyciprop(y, cs, method = "logit"), "ci")) else c(NA, NA)
      } else {
        ci <- as.numeric(confint(m, df = df))
      }
      emit(s$id, if (is.na(s$by)) "" else s$by, paste(values, collapse = "|"), p, SE(m)[[1]], ci[1], ci[2], df, deff(m)[[1]])
    }
  } else {
    for (values in cellsOf(members, dims)) {
      cs <- des[inCell(members, dims, values) & !is.na(d[[s$dimension]]) & d[[s$dimension]] %in% c(s$first, s$second), ]
      levels <- unique(cs$variables[[s$dimension]])
      if (length(levels) < 2) next
      b <- svyby(y, as.formula(paste0("~", s$dimension)), cs, svymean, covmat = TRUE)
      e <- if (s$kind == "ratio") substitute(a / b, list(a = as.name(s$first), b = as.name(s$second)))
           else substitute(a - b, list(a = as.name(s$first), b = as.name(s$second)))
      con <- svycontrast(b, e)
      df <- degf(cs)
      ci <- as.numeric(confint(con, df = df))
      emit(s$id, if (is.na(s$by)) "" else s$by, paste(values, collapse = "|"), coef(con)[[1]], SE(con)[[1]], ci[1], ci[2], df, NA)
    }
  }
}
out <- do.call(rbind, rows)
colnames(out) <- c("id", "by", "key", "value", "se", "lo", "hi", "df", "deff")
write.csv(out, args[3], row.names = FALSE)
