# Every estimate Tonle publishes with calibrated weights, computed by R's survey package from the same
# units (persons, or households) and the same totals.
# Arguments: data.csv, spec.csv, out.csv (as survey-estimates.R), the method (poststratify or rake),
# then one CSV of totals per margin (its variables and Freq): one for post-stratification, one per
# margin for raking.
suppressMessages(library(survey))
options(survey.lonely.psu = "adjust")
args <- commandArgs(trailingOnly = TRUE)
d <- read.csv(args[1], colClasses = "character", na.strings = "")
spec <- read.csv(args[2], colClasses = "character", na.strings = "")
method <- args[4]
margins <- lapply(args[-(1:4)], function(f) {
  m <- read.csv(f, colClasses = "character")
  m$Freq <- as.numeric(m$Freq)
  m
})
d$w <- as.numeric(d$w)
for (col in grep("_(in|y)$", names(d), value = TRUE)) d[[col]] <- as.numeric(d[[col]])
des <- svydesign(ids = ~psu, strata = ~stratum, weights = ~w, nest = TRUE, data = d)
formulaOf <- function(m) as.formula(paste("~", paste(setdiff(names(m), "Freq"), collapse = " + ")))
if (method == "poststratify") {
  des <- postStratify(des, formulaOf(margins[[1]]), margins[[1]])
} else {
  des <- rake(des, lapply(margins, formulaOf), margins, control = list(maxit = 100, epsilon = 1e-10))
}
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
      # a domain of a calibrated design keeps every row, with weight 0 outside it
      cs <- des[inCell(members, dims, values), ]
      m <- svymean(y, cs, deff = TRUE)
      p <- coef(m)[[1]]
      df <- degf(cs)
      if (s$kind == "proportion") {
        ci <- if (p > 1e-12 && p < 1 - 1e-12) as.numeric(attr(suppressWarnings(svyciprop(y, cs, method = "logit")), "ci")) else c(NA, NA)
      } else {
        ci <- as.numeric(confint(m, df = df))
      }
      emit(s$id, if (is.na(s$by)) "" else s$by, paste(values, collapse = "|"), p, SE(m)[[1]], ci[1], ci[2], df, deff(m)[[1]])
    }
  } else {
    # svyby(covmat = TRUE) stops on a calibrated design in survey 4.1 (its influence functions have
    # every row), so both domains are ratios of totals of the whole design, linearised together
    for (values in cellsOf(members, dims)) {
      inc <- inCell(members, dims, values) & !is.na(d[[s$dimension]])
      a <- as.numeric(inc & d[[s$dimension]] == s$first)
      b <- as.numeric(inc & d[[s$dimension]] == s$second)
      if (sum(a) == 0 || sum(b) == 0) next
      yv <- d[[paste0(s$base, "_y")]]
      cd <- update(des, a_n = a, b_n = b, a_y = a * yv, b_y = b * yv)
      ratios <- svyratio(~a_y + b_y, ~a_n + b_n, cd, covmat = TRUE)
      e <- if (s$kind == "ratio") quote(`a_y/a_n` / `b_y/b_n`) else quote(`a_y/a_n` - `b_y/b_n`)
      con <- svycontrast(ratios, e)
      df <- degf(des[inc & d[[s$dimension]] %in% c(s$first, s$second), ])
      ci <- as.numeric(confint(con, df = df))
      emit(s$id, if (is.na(s$by)) "" else s$by, paste(values, collapse = "|"), coef(con)[[1]], SE(con)[[1]], ci[1], ci[2], df, NA)
    }
  }
}
out <- do.call(rbind, rows)
colnames(out) <- c("id", "by", "key", "value", "se", "lo", "hi", "df", "deff")
write.csv(out, args[3], row.names = FALSE)
