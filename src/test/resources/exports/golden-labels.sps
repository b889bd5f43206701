* Tonle analysis pack: golden, every submission received up to 2026-12-02T03:00:00Z.
* SPSS Statistics in Unicode mode: CD to the folder of the pack, then run all of this file.
SET UNICODE=ON.
GET DATA
  /TYPE=TXT
  /FILE='data.csv'
  /ENCODING='UTF8'
  /DELCASE=LINE
  /DELIMITERS=","
  /QUALIFIER='"'
  /ARRANGEMENT=DELIMITED
  /FIRSTCASE=2
  /VARIABLES=
    instanceId A128
    formVersion A128
    collectedAt A40
    receivedAt A40
    weight F20.10
    submittedBy A128
    reviewState A16
    stratum A128
    psu A128
    household A128
    sex A64
    v_in F12.0
    devices_phone F1.0
    devices_computer F1.0
    phone_brand_as_written_by_the_re A6000
.
DATASET NAME tonle.
RECODE sex
  ('female'=1)
  ('male'=2)
  (ELSE=SYSMIS) INTO tonle_n1.
EXECUTE.
DELETE VARIABLES
    sex.
RENAME VARIABLES
  (tonle_n1=sex).
MATCH FILES /FILE=*
  /KEEP=
    instanceId formVersion collectedAt receivedAt weight submittedBy
    reviewState stratum psu household sex v_in
    devices_phone devices_computer phone_brand_as_written_by_the_re.
EXECUTE.
VARIABLE LABELS
  instanceId 'Submission id, made on the phone'
  /formVersion 'Version of the form the interview was made with'
  /collectedAt 'When the interview was made'
  /receivedAt 'When the server received it'
  /weight 'Survey design weight'
  /submittedBy 'Interviewer: the account that sent it'
  /reviewState 'Review state'
  /stratum 'Sampling stratum, as the server computes it'
  /psu 'Primary sampling unit (village); own:… a respondent who is t' +
      'heir own unit'
  /household 'Household, as the server computes it (empty: a household of ' +
      'one)'
  /sex 'Sex'
  /v_in 'Years in the village'
  /devices_phone 'Devices used: Phone'
  /devices_computer 'Devices used: Computer'
  /phone_brand_as_written_by_the_re 'The phone''s brand'.
VALUE LABELS
  sex
    1 'Female'
    2 'Male'
  /devices_phone 0 'Not selected' 1 'Selected'
  /devices_computer 0 'Not selected' 1 'Selected'.
* WEIGHT BY treats the design weight as a frequency: for standard errors use the plan below.
WEIGHT BY weight.
* With the Complex Samples module: the sample design (villages as PSUs within strata, with replacement).
CSPLAN ANALYSIS
  /PLAN FILE='tonle.csaplan'
  /PLANVARS ANALYSISWEIGHT=weight
  /DESIGN STRATA=stratum CLUSTER=psu
  /ESTIMATOR TYPE=WR.
